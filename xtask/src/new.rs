//! `cargo xtask new`
pub fn run(_a: &crate::Args) -> Result<std::process::ExitCode, String> {
    todo!()
}
