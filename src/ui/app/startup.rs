//! Opening the window on whatever graphics the PC has.
//!
//! Office PCs are old, remote or virtual desktops without a usable GPU: wgpu (DirectX 12 on Windows) may fail
//! to create its device there. The window then comes up with the next renderer by itself, ending with glow
//! (plain OpenGL, which even software rendering provides). `--renderer wgpu|glow` only changes which is tried
//! first, so a forced choice that cannot start still ends in a window.
//!
//! Without `--renderer`, wgpu goes first except on a Linux PC with no GPU device at all. There wgpu can only
//! draw through Mesa's software Vulkan (lavapipe), which paints egui's frames about seven times slower than
//! Mesa's software OpenGL paints glow's: measured under Xvfb, ~280 ms a frame against ~42 ms, and 0.45 s
//! against 0.21 s to the first frame (BENCHMARKS.md). Windows keeps wgpu first even without a GPU: its
//! software DirectX 12 (WARP) is the fast path there, and its built-in OpenGL is too old for glow.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetup, WgpuSetupCreateNew};
use eframe::wgpu;

/// The two renderers the app is built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    Wgpu,
    Glow,
}

impl FromStr for Renderer {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wgpu" => Ok(Renderer::Wgpu),
            "glow" | "gl" | "opengl" => Ok(Renderer::Glow),
            other => Err(format!("描画方式「{other}」は使えません。wgpu か glow を指定してください。")),
        }
    }
}

impl fmt::Display for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Renderer::Wgpu => "wgpu",
            Renderer::Glow => "glow",
        })
    }
}

/// The renderer tried first when `--renderer` is not given. `windows_or_macos`: wgpu always has a
/// good path there (DirectX 12, with WARP when there is no GPU; Metal).
pub fn automatic_choice(windows_or_macos: bool, gpu_device: bool, wgpu_backend_chosen: bool) -> Renderer {
    if windows_or_macos || gpu_device || wgpu_backend_chosen { Renderer::Wgpu } else { Renderer::Glow }
}

/// Whether the device folder `dev` (`/dev` on Linux) shows a GPU a driver can draw on: a DRM render node
/// (Mesa's and most vendors' drivers) or NVIDIA's own device. Asking Vulkan itself would answer the same
/// but costs ~90 ms of driver start-up here, a third of the whole start-up budget.
pub fn has_gpu_device(dev: &Path) -> bool {
    let render_node = std::fs::read_dir(dev.join("dri"))
        .is_ok_and(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")));
    render_node || dev.join("nvidia0").exists()
}

fn automatic_choice_here() -> Renderer {
    automatic_choice(
        cfg!(any(windows, target_os = "macos")),
        has_gpu_device(Path::new("/dev")),
        std::env::var_os("WGPU_BACKEND").is_some(),
    )
}

/// One try at opening the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// wgpu with the backends it picks by itself (DirectX 12 first on Windows), or `WGPU_BACKEND` if set.
    WgpuDefault,
    /// wgpu restricted to Vulkan and OpenGL: where DirectX 12 is present but broken (wine, some virtual
    /// desktops), these often still work and keep wgpu's quality.
    WgpuWithoutDx12,
    Glow,
}

/// The order of tries: the preferred renderer's attempts first, then the other's.
pub fn attempts(preferred: Renderer, windows: bool) -> Vec<Attempt> {
    let mut wgpu = vec![Attempt::WgpuDefault];
    if windows {
        wgpu.push(Attempt::WgpuWithoutDx12);
    }
    match preferred {
        Renderer::Wgpu => wgpu.into_iter().chain([Attempt::Glow]).collect(),
        Renderer::Glow => [Attempt::Glow].into_iter().chain(wgpu).collect(),
    }
}

/// Whether a failure of `run_native` means "this renderer cannot start here" (so the next one is worth a
/// try), rather than a failure of the app itself or of the window system, which another renderer won't fix.
fn is_renderer_failure(error: &eframe::Error) -> bool {
    matches!(
        error,
        eframe::Error::Wgpu(_)
            | eframe::Error::Glutin(_)
            | eframe::Error::NoGlutinConfigs(..)
            | eframe::Error::OpenGL(_)
    )
}

fn native_options(attempt: Attempt, viewport: &egui::ViewportBuilder) -> eframe::NativeOptions {
    let mut options = eframe::NativeOptions { viewport: viewport.clone(), ..Default::default() };
    match attempt {
        Attempt::Glow => options.renderer = eframe::Renderer::Glow,
        Attempt::WgpuDefault => options.renderer = eframe::Renderer::Wgpu,
        Attempt::WgpuWithoutDx12 => {
            options.renderer = eframe::Renderer::Wgpu;
            let mut setup = WgpuSetupCreateNew::without_display_handle();
            setup.instance_descriptor.backends = wgpu::Backends::VULKAN | wgpu::Backends::GL;
            options.wgpu_options = WgpuConfiguration { wgpu_setup: WgpuSetup::CreateNew(setup), ..Default::default() };
        }
    }
    options
}

/// Opens the window titled `title`, trying the renderers in the order of [`attempts`] until one starts.
///
/// `make_app` is called once per try that gets as far as creating the app (a renderer that fails before
/// that never calls it), so it must be able to build the app again: keep what it needs outside.
pub fn run_window(
    title: &str,
    preferred: Option<Renderer>,
    viewport: egui::ViewportBuilder,
    mut make_app: impl FnMut(&eframe::CreationContext<'_>) -> Result<Box<dyn eframe::App>, String>,
) -> Result<(), String> {
    let mut failures = Vec::new();
    let preferred = preferred.unwrap_or_else(automatic_choice_here);
    for attempt in attempts(preferred, cfg!(windows)) {
        if !failures.is_empty() {
            eprintln!("描画方式 {attempt:?} で開きます。");
        }
        let result = eframe::run_native(
            title,
            native_options(attempt, &viewport),
            Box::new(|cc| make_app(cc).map_err(Into::into)),
        );
        match result {
            Ok(()) => return Ok(()),
            Err(error) if is_renderer_failure(&error) => {
                eprintln!("描画方式 {attempt:?} で画面を開けませんでした（{error}）。次の方式を試します。");
                failures.push(format!("{attempt:?}: {error}"));
            }
            Err(error) => return Err(format!("画面を開けませんでした: {error}")),
        }
    }
    Err(format!(
        "どの描画方式でも画面を開けませんでした。グラフィックスのドライバーを確認してください。（{}）",
        failures.join(" / ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_names_parse_and_unknown_ones_are_refused_in_japanese() {
        assert_eq!("wgpu".parse::<Renderer>(), Ok(Renderer::Wgpu));
        assert_eq!(" GLOW ".parse::<Renderer>(), Ok(Renderer::Glow));
        assert_eq!("opengl".parse::<Renderer>(), Ok(Renderer::Glow));
        let error = "dx12".parse::<Renderer>().unwrap_err();
        assert!(error.contains("dx12") && error.contains("wgpu か glow"), "{error}");
    }

    #[test]
    fn wgpu_goes_first_on_windows_and_wherever_there_is_a_gpu() {
        assert_eq!(automatic_choice(true, false, false), Renderer::Wgpu, "WARP on a GPU-less Windows PC");
        assert_eq!(automatic_choice(false, true, false), Renderer::Wgpu);
        assert_eq!(automatic_choice(false, false, true), Renderer::Wgpu, "WGPU_BACKEND asks for wgpu");
        assert_eq!(automatic_choice(false, false, false), Renderer::Glow, "software Vulkan is slower than GL");
    }

    #[test]
    fn a_gpu_shows_as_a_render_node_or_an_nvidia_device() {
        let dev = tempfile::tempdir().unwrap();
        assert!(!has_gpu_device(dev.path()), "no dri folder at all");
        std::fs::create_dir(dev.path().join("dri")).unwrap();
        std::fs::write(dev.path().join("dri/card0"), "").unwrap();
        assert!(!has_gpu_device(dev.path()), "a display controller alone draws nothing");
        std::fs::write(dev.path().join("dri/renderD128"), "").unwrap();
        assert!(has_gpu_device(dev.path()));

        let nvidia = tempfile::tempdir().unwrap();
        std::fs::write(nvidia.path().join("nvidia0"), "").unwrap();
        assert!(has_gpu_device(nvidia.path()));
    }

    #[test]
    fn each_order_ends_with_the_other_renderer_as_fallback() {
        assert_eq!(attempts(Renderer::Wgpu, false), [Attempt::WgpuDefault, Attempt::Glow]);
        assert_eq!(attempts(Renderer::Wgpu, true), [Attempt::WgpuDefault, Attempt::WgpuWithoutDx12, Attempt::Glow]);
        assert_eq!(attempts(Renderer::Glow, false), [Attempt::Glow, Attempt::WgpuDefault]);
        assert_eq!(attempts(Renderer::Glow, true), [Attempt::Glow, Attempt::WgpuDefault, Attempt::WgpuWithoutDx12]);
    }

    #[test]
    fn the_dx12_free_attempt_keeps_wgpu_off_directx() {
        let options = native_options(Attempt::WgpuWithoutDx12, &egui::ViewportBuilder::default());
        assert_eq!(options.renderer, eframe::Renderer::Wgpu);
        let WgpuSetup::CreateNew(setup) = &options.wgpu_options.wgpu_setup else {
            panic!("expected a new wgpu setup");
        };
        assert!(!setup.instance_descriptor.backends.contains(wgpu::Backends::DX12));
        assert!(setup.instance_descriptor.backends.contains(wgpu::Backends::VULKAN));
        assert_eq!(native_options(Attempt::Glow, &egui::ViewportBuilder::default()).renderer, eframe::Renderer::Glow);
    }

    #[test]
    fn only_graphics_failures_lead_to_the_next_renderer() {
        let app_failure = eframe::Error::AppCreation("記録ファイルを開けません".into());
        assert!(!is_renderer_failure(&app_failure));
        let gl_failure = eframe::Error::OpenGL(egui_glow_error());
        assert!(is_renderer_failure(&gl_failure));
    }

    fn egui_glow_error() -> eframe::egui_glow::PainterError {
        eframe::egui_glow::PainterError::from("OpenGL 2.0 がありません".to_string())
    }
}
