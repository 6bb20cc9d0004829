//! The mouse in egui_kittest frames: presses, drags and double-clicks at a point, one frame per event,
//! as a person's hand would give them.
#![allow(dead_code)]

use egui::{Event, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;

fn button<S>(harness: &mut Harness<'_, S>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton { pos, button: PointerButton::Primary, pressed, modifiers: Default::default() });
    harness.run();
}

/// Presses at `from`, moves by `by` and lets go.
pub fn drag<S>(harness: &mut Harness<'_, S>, from: Pos2, by: Vec2) {
    harness.event(Event::PointerMoved(from));
    harness.run();
    button(harness, from, true);
    harness.event(Event::PointerMoved(from + by));
    harness.run();
    button(harness, from + by, false);
}

/// Two clicks at `at`, within egui's double-click time.
pub fn double_click<S>(harness: &mut Harness<'_, S>, at: Pos2) {
    harness.event(Event::PointerMoved(at));
    harness.run();
    for _ in 0..2 {
        button(harness, at, true);
        button(harness, at, false);
    }
}

/// Rests the pointer at `at` long enough (one second of frames) for a hover text to show.
pub fn hover<S>(harness: &mut Harness<'_, S>, at: Pos2) {
    harness.event(Event::PointerMoved(at));
    harness.run_steps(60);
}
