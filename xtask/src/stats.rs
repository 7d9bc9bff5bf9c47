//! `cargo xtask stats`
pub fn run(_root: &std::path::Path, _exam: &str) -> Result<std::process::ExitCode, String> {
    todo!()
}
