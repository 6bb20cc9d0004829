//! Embeds the app icon and the version information in the Windows .exe (Explorer shows both).
//! Runs on the build machine, so the target is read from Cargo's environment, not from `cfg!`:
//! the .exe is cross-built on Linux.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/reform-tracker.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    // Cross-building with mingw: winresource finds x86_64-w64-mingw32-windres from the target triple.
    res.set_icon("assets/reform-tracker.ico")
        .set("ProductName", "行財政改革アクションプラン 進捗管理")
        .set("FileDescription", "行財政改革アクションプラン 進捗管理 (reform-tracker)")
        .set("CompanyName", "関市 行政改革担当")
        .set("LegalCopyright", "MIT License")
        .set("OriginalFilename", "reform-tracker.exe")
        .set("InternalName", "reform-tracker")
        .set_language(0x0411); // Japanese
    if let Err(e) = res.compile() {
        panic!("Windows のリソース（アイコン・版情報）を埋め込めません: {e}");
    }
}
