//! Bytes built into the program, shared by the screen (ui) and print (report) layers.

/// The one font of screen and print (SIL OFL 1.1, see assets/fonts/LICENSE-BIZUDGothic.txt).
pub const BIZ_UD_GOTHIC: &[u8] = include_bytes!("../assets/fonts/BIZUDGothic-Regular.ttf");
