//! Yew's panic hook, left out of a module whose panics abort at once.
//!
//! Yew's `Renderer::render` installs `console_error_panic_hook::hook`, which formats a
//! panic's message and stack for the console. A shipped module is built with
//! `-Cpanic=immediate-abort`, where a panic traps without calling any hook, so that code
//! could never run; replacing the crate with this one leaves it out (0.6 KiB of gzip). The
//! functions have the crate's signatures and do nothing. Tests and the fallback build
//! (without the standard library's sources, `panic = "abort"`) keep the real crate, whose
//! hook does run there.

// Refuses any other build, where a panic would call the hook and lose its message here.
#[cfg(not(panic = "immediate-abort"))]
compile_error!(
    "this stand-in for console_error_panic_hook is only for modules built with \
     -Cpanic=immediate-abort, where no panic hook is ever called"
);

/// Installed by Yew as the panic hook; never called in a module whose panics abort at once.
pub fn hook(_info: &std::panic::PanicHookInfo<'_>) {}

/// Sets [`hook`] as the panic hook, as the real crate does; nothing to set here.
pub fn set_once() {}
