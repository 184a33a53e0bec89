//! The app's code for the browser, in two modules: the essay page's code
//! (`src/essay_code.rs`) split from the rest, so that the library's first
//! visit fetches and compiles only what the library runs
//! (docs/performance.md, "The essay page's code in a module of its own").
//!
//! Trunk 0.21 builds a Rust app in one piece (cargo, then wasm-bindgen,
//! then wasm-opt), with no step between the first two, which is where a
//! split must happen: so this step does the three itself, with the split
//! between them, and `index.html` names no Rust asset for Trunk. The split
//! is `wasm_split_cli_support`'s (the one Leptos's `#[lazy]` and
//! cargo-leptos use), as a library; the linker keeps its relocations for it
//! (`--emit-relocs`). Then, over the staging directory:
//! - `essais-<hash>.js` and `essais-<hash>_bg.wasm`, the app as Trunk named
//!   it; `essais-split-<hash>.js`, which fetches a split module when the app
//!   first calls into it; `essais-split_essay_page-<hash>.wasm`, the essay
//!   page's module. One hash for all, of all their contents: each names
//!   another, and a new build must never mix with an old one.
//! - `index.html` gets the loader Trunk would have written (the same, so
//!   that `boot.js` and the tests keep their `TrunkApplicationStarted`
//!   event and `window.wasmBindings`) and the preloads of the app's code.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How the app is built: Trunk's profile ("release" or "debug"), the
/// app's cargo features, the public URL (Trunk's `--public-url`).
pub struct Build<'a> {
    pub profile: &'a str,
    pub features: &'a str,
    pub public_url: &'a str,
}

/// The essay page's module, as the pages tool finds it to preload it on
/// an essay's entry page.
pub const ESSAY_CODE_PREFIX: &str = "essais-split_essay_page-";

/// What the loader is recognised by in a built `index.html`.
const LOADER_MARK: &str = "TrunkApplicationStarted";

/// Builds the app into `dist` (Trunk's staging directory) and links it
/// from `dist/index.html`.
pub fn build(dist: &Path, build: &Build) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = crate::read(&index)?;
    if html.contains(LOADER_MARK) {
        return Err(format!("{}: the app is linked already", index.display()));
    }
    let release = match build.profile {
        "release" => true,
        "debug" => false,
        other => return Err(format!("unknown profile {other:?} (release or debug)")),
    };
    let wasm = cargo_build(release, build.features)?;
    let work = wasm.with_file_name("essais-split");
    let _ = std::fs::remove_dir_all(&work);
    let bindgen = work.join("bindgen");
    std::fs::create_dir_all(&bindgen).map_err(|err| format!("{}: {err}", bindgen.display()))?;

    // The split: the main module, the chunks, the JS that links them.
    let input = std::fs::read(&wasm).map_err(|err| format!("{}: {err}", wasm.display()))?;
    let main_wasm = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &work;
        options.main_out_path = &main_wasm;
        options.link_name = LINK_JS;
        options.main_module = MAIN_JS;
        options
    })
    .map_err(|err| format!("splitting {}: {err:#}", wasm.display()))?;

    run(Command::new("wasm-bindgen")
        .arg("--target=web")
        .arg(format!("--out-dir={}", bindgen.display()))
        .arg("--out-name=essais")
        // The main module keeps what the split modules import from it.
        .arg("--keep-lld-exports")
        .arg("--no-demangle")
        .arg("--no-typescript")
        .arg(&main_wasm))?;
    let mut modules = vec![(bindgen.join("essais_bg.wasm"), "_bg".to_string())];
    for chunk in &split.split_modules {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: not a module's name", chunk.display()))?;
        modules.push((chunk.clone(), format!("-{stem}")));
    }
    if release {
        for (module, _) in &modules {
            // As Trunk ran it (`data-wasm-opt="z"`).
            let optimised = module.with_extension("opt.wasm");
            run(Command::new("wasm-opt")
                .arg(format!("--output={}", optimised.display()))
                .arg("-Oz")
                .arg(module))?;
            std::fs::rename(&optimised, module)
                .map_err(|err| format!("{}: {err}", module.display()))?;
        }
    }

    let main_js = crate::read(&bindgen.join("essais.js"))?;
    let link_js = crate::read(&work.join(LINK_JS))?;
    let modules: Vec<(Vec<u8>, String)> = modules
        .into_iter()
        .map(|(path, suffix)| {
            std::fs::read(&path)
                .map(|bytes| (bytes, suffix))
                .map_err(|err| format!("{}: {err}", path.display()))
        })
        .collect::<Result<_, _>>()?;
    let mut hasher = Sha256::new();
    hasher.update(&main_js);
    hasher.update(&link_js);
    for (bytes, _) in &modules {
        hasher.update(bytes);
    }
    let hash: String = hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    // Each file by its hashed name, and each reference to it.
    let main_name = format!("essais-{hash}.js");
    let link_name = format!("essais-split-{hash}.js");
    let main_js = replaced(
        &main_js,
        &format!("from \"{LINK_JS}\""),
        &format!("from \"./{link_name}\""),
    )?;
    let mut link_js = replaced(
        &link_js,
        &format!("\"{MAIN_JS}\""),
        &format!("\"./{main_name}\""),
    )?;
    let mut wasm_name = String::new();
    for (bytes, suffix) in &modules {
        let name = if suffix == "_bg" {
            wasm_name = format!("essais-{hash}_bg.wasm");
            wasm_name.clone()
        } else {
            let name = format!("essais{suffix}-{hash}.wasm");
            link_js = replaced(
                &link_js,
                &format!("\"./{}.wasm\"", &suffix[1..]),
                &format!("\"./{name}\""),
            )?;
            name
        };
        crate::write(&dist.join(&name), bytes)?;
    }
    crate::write(&dist.join(&main_name), &main_js)?;
    crate::write(&dist.join(&link_name), &link_js)?;

    let base = build.public_url;
    let loader = format!(
        "<link rel=\"modulepreload\" href=\"{base}{main_name}\" crossorigin=\"anonymous\">\
         <link rel=\"modulepreload\" href=\"{base}{link_name}\" crossorigin=\"anonymous\">\
         <link rel=\"preload\" href=\"{base}{wasm_name}\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\n\
         <script type=\"module\">\nimport init, * as bindings from '{base}{main_name}';\n\
         const wasm = await init({{ module_or_path: '{base}{wasm_name}' }});\n\
         window.wasmBindings = bindings;\n\
         dispatchEvent(new CustomEvent(\"{LOADER_MARK}\", {{detail: {{wasm}}}}));\n</script>\n"
    );
    let html = replaced(&html, "</head>", &format!("{loader}</head>"))?;
    crate::write(&index, &html)?;
    eprintln!(
        "pages: the app built ({}), {} module(s) split from it",
        build.profile,
        split.split_modules.len()
    );
    Ok(())
}

/// The essay page's module in a built `dist` (its name, relative to the
/// public URL), for essays' entry pages to preload.
pub fn essay_code(dist: &Path) -> Result<String, String> {
    let entries =
        std::fs::read_dir(dist).map_err(|err| format!("{}: cannot list: {err}", dist.display()))?;
    entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with(ESSAY_CODE_PREFIX) && name.ends_with(".wasm"))
        .ok_or_else(|| {
            format!(
                "{}: no {ESSAY_CODE_PREFIX}….wasm: the app is not built (`pages app`)",
                dist.display()
            )
        })
}

/// The names the split writes, replaced by the hashed ones.
const MAIN_JS: &str = "./essais.js";
const LINK_JS: &str = "./__wasm_split.js";

/// `cargo build` of the app for the browser; the module's path.
fn cargo_build(release: bool, features: &str) -> Result<PathBuf, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let flags_var = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
    let flags = std::env::var(flags_var).unwrap_or_default();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .arg("build")
        .arg("--offline")
        .arg(format!("--manifest-path={}", manifest.display()))
        .args(["--target=wasm32-unknown-unknown", "--bin=essais"])
        .arg(format!("--features={features}"))
        .arg("--message-format=json-render-diagnostics")
        // What the split reads to move code between modules.
        .env(
            flags_var,
            format!("{flags} -Clink-args=--emit-relocs").trim(),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if release {
        cargo.arg("--release");
    }
    let output = cargo
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !output.status.success() {
        return Err("cargo build of the app failed (its errors above)".into());
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        // The app's binary, not a dependency built as a module of its own.
        .filter(|message| message["target"]["kind"][0] == "bin")
        .flat_map(|message| {
            let files = message["filenames"].as_array().cloned().unwrap_or_default();
            files
                .into_iter()
                .filter_map(|f| f.as_str().map(PathBuf::from))
        })
        .find(|path| path.extension().is_some_and(|e| e == "wasm"))
        .ok_or_else(|| "cargo built no .wasm for the app".into())
}

fn run(command: &mut Command) -> Result<(), String> {
    let name = command.get_program().to_string_lossy().into_owned();
    let status = command
        .status()
        .map_err(|err| format!("cannot run {name}: {err} (scripts/setup.sh installs it)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

/// `text` with its one `from` replaced by `to`; an error if `from` is not
/// there once, which would mean the tools changed what they write.
fn replaced(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!("expected {from:?} once in the built app, found it {n} times: has a tool's output changed?")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_replaced_only_where_it_is_once() {
        assert_eq!(
            replaced(
                "import { initSync } from \"./essais.js\";",
                "\"./essais.js\"",
                "\"./essais-0a.js\""
            ),
            Ok("import { initSync } from \"./essais-0a.js\";".to_string())
        );
        assert!(replaced("nothing", "\"./essais.js\"", "x").is_err());
        assert!(replaced("\"./a\" \"./a\"", "\"./a\"", "x").is_err());
    }
}
