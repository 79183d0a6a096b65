//! Builds the Bluelamp browser app with nothing but cargo and the `wasm32-unknown-unknown` target.
//!
//! ```text
//! cargo run -p bluelamp-xtask -- build [--release] [--out-dir DIR]
//! ```
//!
//! 1. `cargo build -p bluelamp-frontend --target wasm32-unknown-unknown [--release]`
//!    (into `$CARGO_TARGET_DIR`, or `<workspace>/target`);
//! 2. wasm-bindgen, used as a library (`--target web`, no TypeScript), into the out dir
//!    (default `<workspace>/frontend/dist`);
//! 3. copies `frontend/static/*` (index.html, boot.js, app.css) next to it.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const FRONTEND_PACKAGE: &str = "bluelamp-frontend";
const WASM_NAME: &str = "bluelamp_frontend";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

const USAGE: &str = "usage: cargo run -p bluelamp-xtask -- build [--release] [--out-dir DIR]";

/// What `build` was asked to do.
#[derive(Debug)]
struct BuildOptions {
    release: bool,
    out_dir: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<BuildOptions> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("build") => {}
        Some("help" | "--help" | "-h") | None => bail!("{USAGE}"),
        Some(other) => bail!("unknown command `{other}`\n{USAGE}"),
    }
    let mut opts = BuildOptions {
        release: false,
        out_dir: None,
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--release" => opts.release = true,
            "--out-dir" => {
                let dir = it.next().context("--out-dir needs a directory")?;
                opts.out_dir = Some(PathBuf::from(dir));
            }
            s if s.starts_with("--out-dir=") => {
                opts.out_dir = Some(PathBuf::from(&s["--out-dir=".len()..]));
            }
            other => bail!("unknown option `{other}`\n{USAGE}"),
        }
    }
    Ok(opts)
}

/// The workspace root: two levels above this crate (`frontend/xtask`).
fn workspace_root() -> Result<PathBuf> {
    // `cargo run` sets CARGO_MANIFEST_DIR for the running binary: prefer it over the compile-time value,
    // so a binary built by another checkout sharing the target directory still builds this checkout.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .context("cannot find the workspace root above the xtask crate")
}

/// `$CARGO_TARGET_DIR` (relative to the current directory, as cargo reads it), else
/// `<workspace>/target`.
fn target_dir(root: &Path) -> Result<PathBuf> {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                Ok(dir)
            } else {
                Ok(std::env::current_dir()
                    .context("cannot read the current directory")?
                    .join(dir))
            }
        }
        _ => Ok(root.join("target")),
    }
}

fn cargo_build(root: &Path, target_dir: &Path, release: bool) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).env("CARGO_TARGET_DIR", target_dir).args([
        "build",
        "-p",
        FRONTEND_PACKAGE,
        "--target",
        WASM_TARGET,
    ]);
    if release {
        cmd.arg("--release");
    }
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("building {FRONTEND_PACKAGE} for {WASM_TARGET} failed ({status})");
    }
    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir
        .join(WASM_TARGET)
        .join(profile)
        .join(format!("{WASM_NAME}.wasm"));
    if !wasm.is_file() {
        bail!("cargo succeeded but {} is missing", wasm.display());
    }
    Ok(wasm)
}

fn bindgen(wasm: &Path, out_dir: &Path, release: bool) -> Result<()> {
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_path(wasm)
        .out_name(WASM_NAME)
        .web(true)
        .context("wasm-bindgen: cannot select the `web` target")?
        .typescript(false)
        .debug(!release)
        .keep_debug(!release);
    b.generate(out_dir)
        .with_context(|| format!("wasm-bindgen failed on {}", wasm.display()))?;
    Ok(())
}

fn copy_static(static_dir: &Path, out_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let entries =
        std::fs::read_dir(static_dir).with_context(|| format!("cannot read {}", static_dir.display()))?;
    for entry in entries {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let to = out_dir.join(entry.file_name());
        std::fs::copy(entry.path(), &to)
            .with_context(|| format!("cannot copy {} to {}", entry.path().display(), to.display()))?;
        written.push(to);
    }
    written.sort();
    Ok(written)
}

fn build(opts: BuildOptions) -> Result<()> {
    let root = workspace_root()?;
    let target_dir = target_dir(&root)?;
    let out_dir = match opts.out_dir {
        Some(d) if d.is_absolute() => d,
        Some(d) => std::env::current_dir()?.join(d),
        None => root.join("frontend").join("dist"),
    };

    let wasm = cargo_build(&root, &target_dir, opts.release)?;

    std::fs::create_dir_all(&out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    bindgen(&wasm, &out_dir, opts.release)?;
    let mut written = vec![
        out_dir.join(format!("{WASM_NAME}.js")),
        out_dir.join(format!("{WASM_NAME}_bg.wasm")),
    ];
    written.extend(copy_static(&root.join("frontend").join("static"), &out_dir)?);

    println!("xtask: wrote the browser app to {}", out_dir.display());
    for path in written {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("  {:>10} bytes  {}", size, path.display());
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    build(parse_args(&args)?)
}
