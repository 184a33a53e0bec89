//! The entry page made self-sufficient and pinned, before the pages are
//! written from it:
//! 1. the stylesheet and `boot.js` go into `index.html` itself, so the first
//!    paint of a (pre-rendered) entry page waits for nothing but the page:
//!    no round trip for a render-blocking stylesheet or script, no sharing
//!    the link with the app's WASM download (docs/performance.md). Both are
//!    small (about 4 KB compressed together); the separate files go. Both
//!    are minified first (the `minifier` crate, rustdoc's): every entry
//!    page carries them, and their comments and spaces were a fifth of the
//!    library's entry page (8 of 42 KB).
//!    The comments of `index.html` go too: they explain its markup to
//!    whoever edits it, and every entry page repeated them (485 bytes).
//! 2. the Content-Security-Policy is pinned to the SHA-256 of each inline
//!    script (Trunk's loader, `boot.js`) and of the inline style, as a
//!    `<meta>` before any script, and into `csp.txt` for deployers who set it
//!    as a header (docs/security.md).

use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Whether `index.html` has been through [`inline_and_pin`] already.
pub fn is_pinned(html: &str) -> bool {
    html.contains("http-equiv=\"Content-Security-Policy\"")
}

/// Inlines the stylesheet and `boot.js` into `html` (`dist/index.html`),
/// pins the policy, and writes both; returns the page as written and the
/// number of inline scripts pinned.
pub fn inline_and_pin(dist: &Path, html: &str) -> Result<(String, usize), String> {
    let index = dist.join("index.html");
    let html = without_comments(&inline(dist, html)?);
    let (html, policy, scripts) = pin(&html)?;
    crate::write(&index, &html)?;
    crate::write(
        &dist.join("csp.txt"),
        format!("{policy}; frame-ancestors 'none'\n"),
    )?;
    Ok((html, scripts))
}

/// The one tag `<open …="<name>"…>` whose attribute ends in `suffix`, as
/// (start, end, file name).
fn find_tag(
    html: &str,
    open: &str,
    attribute: &str,
    suffix: &str,
) -> Result<(usize, usize, String), String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(open) {
        let start = from + i;
        let end = start + html[start..].find('>').ok_or("an unclosed tag")? + 1;
        let tag = &html[start..end];
        if let Some(value) = attribute_value(tag, attribute).filter(|v| v.ends_with(suffix)) {
            found.push((start, end, value.to_string()));
        }
        from = end;
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!(
            "index.html: expected one {open} with {attribute}=\"…{suffix}\", found {n}"
        )),
    }
}

fn attribute_value<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

fn inline(dist: &Path, html: &str) -> Result<String, String> {
    let mut html = html.to_string();
    for (open, attribute, suffix, wrap, closing) in [
        (
            "<link rel=\"stylesheet\"",
            "href",
            ".css",
            "style",
            "</style",
        ),
        ("<script src=", "src", "boot.js", "script", "</script"),
    ] {
        let (start, mut end, href) = find_tag(&html, open, attribute, suffix)?;
        if wrap == "script" {
            // `<script src="…"></script>`: the closing tag goes too.
            let rest = &html[end..];
            if rest.starts_with("</script>") {
                end += "</script>".len();
            }
        }
        let name = Path::new(&href)
            .file_name()
            .ok_or_else(|| format!("index.html: {href} names no file"))?;
        let file = dist.join(name);
        let content = minified(&crate::read(&file)?, wrap)
            .map_err(|err| format!("{}: cannot be minified: {err}", file.display()))?;
        if content.to_lowercase().contains(closing) {
            return Err(format!(
                "{}: contains {closing}: cannot be inlined",
                file.display()
            ));
        }
        html.replace_range(start..end, &format!("<{wrap}>{}</{wrap}>", content.trim()));
        std::fs::remove_file(&file)
            .map_err(|err| format!("{}: cannot remove: {err}", file.display()))?;
    }
    Ok(html)
}

/// `html` without its comments (`<!-- … -->`) and the spaces that set
/// each apart on its lines; what a `<script>` or `<style>` holds is left
/// as it is (it is not HTML, and the policy pins it byte for byte).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let comment = rest.find("<!--");
        let raw = ["<script", "<style"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min();
        match (comment, raw) {
            (Some(c), Some((r, open))) if r < c => {
                // Copied through its closing tag, unread.
                let close = if open == "<script" {
                    "</script>"
                } else {
                    "</style>"
                };
                let end = rest[r..]
                    .find(close)
                    .map_or(rest.len(), |j| r + j + close.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            (Some(c), _) => {
                let Some(length) = rest[c..].find("-->") else {
                    // Unclosed: left as the browser would read it.
                    out.push_str(rest);
                    break;
                };
                let before = rest[..c].trim_end_matches([' ', '\t']);
                let after = &rest[c + length + "-->".len()..];
                // A comment alone on its lines goes with its line.
                let alone = (before.is_empty() || before.ends_with('\n'))
                    && after.trim_start_matches([' ', '\t']).starts_with('\n');
                if alone {
                    out.push_str(before);
                    rest = &after.trim_start_matches([' ', '\t'])[1..];
                } else {
                    out.push_str(&rest[..c]);
                    rest = after;
                }
            }
            (None, _) => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// The stylesheet or script without its comments and spaces.
fn minified(source: &str, wrap: &str) -> Result<String, &'static str> {
    Ok(if wrap == "style" {
        minifier::css::minify(source)?.to_string()
    } else {
        minifier::js::minify(source).to_string()
    })
}

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The contents of every `<tag>…</tag>` without a `src`.
fn inline_contents<'h>(html: &'h str, tag: &str) -> Vec<&'h str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut contents = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let Some(tag_end) = html[start..].find('>').map(|j| start + j + 1) else {
            break;
        };
        let Some(end) = html[tag_end..].find(&close).map(|j| tag_end + j) else {
            break;
        };
        let opening = &html[start..tag_end];
        // `<style>` or `<script …>`, not `<scripts…`, and not a script with a src.
        let name_ends = opening[open.len()..].starts_with(['>', ' ']);
        if name_ends && !opening.contains(" src=") {
            contents.push(&html[tag_end..end]);
        }
        from = end + close.len();
    }
    contents
}

/// The policy for `html`, put into it as a `<meta>`.
fn pin(html: &str) -> Result<(String, String, usize), String> {
    if is_pinned(html) {
        return Err("index.html already has a policy".into());
    }
    let scripts: Vec<String> = inline_contents(html, "script")
        .into_iter()
        .map(sha256)
        .collect();
    if scripts.is_empty() {
        return Err("index.html has no inline script: has Trunk changed its loader?".into());
    }
    let styles: Vec<String> = inline_contents(html, "style")
        .into_iter()
        .map(sha256)
        .collect();
    let policy = [
        "default-src 'self'".to_string(),
        // Trunk's loader and boot.js by hash; the app's JS from the site; WASM compilation.
        format!("script-src 'self' 'wasm-unsafe-eval' {}", scripts.join(" ")),
        // The stylesheet, inlined, by hash; no 'unsafe-inline' (so no style attribute).
        format!("style-src 'self' {}", styles.join(" "))
            .trim()
            .to_string(),
        "img-src 'self'".into(),
        "font-src 'self'".into(),
        "connect-src 'self'".into(),
        "manifest-src 'self'".into(),
        "worker-src 'self'".into(),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        // The pre-rendered search field and filters are plain GET forms to
        // the library's own address, for a click before the app has taken over.
        "form-action 'self'".into(),
    ]
    .join("; ");
    let html = html.replacen(
        "<head>",
        &format!("<head>\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />"),
        1,
    );
    Ok((html, policy, scripts.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_pinned_by_their_hash() {
        let html = "<html><head><style>a{}</style><script type=\"module\">go()</script><script src=\"x.js\"></script></head></html>";
        let (pinned, policy, scripts) = pin(html).expect("pinned");
        assert_eq!(scripts, 1);
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' {}",
            sha256("go()")
        )));
        assert!(policy.contains(&format!("style-src 'self' {}", sha256("a{}"))));
        assert!(pinned.starts_with("<html><head>\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "));
        assert_eq!(
            pin(&pinned).err(),
            Some("index.html already has a policy".into())
        );
    }

    #[test]
    fn the_comments_of_the_page_go_and_nothing_else() {
        let html = "<head>\n  <!-- Why the base. -->\n  <base href=\"/\" />\n  <!-- Two\n       lines. -->\n  <meta a=\"1\" /><!-- beside -->x\n<script>if (a <!--b) {}</script><style>p{}</style></head>\n<body><!-- unclosed";
        assert_eq!(
            without_comments(html),
            "<head>\n  <base href=\"/\" />\n  <meta a=\"1\" />x\n<script>if (a <!--b) {}</script><style>p{}</style></head>\n<body><!-- unclosed"
        );
        assert_eq!(without_comments("no comment"), "no comment");
    }

    #[test]
    fn the_stylesheet_and_boot_script_go_into_the_page() {
        let dist = std::env::temp_dir().join(format!("essais-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("dir");
        std::fs::write(
            dist.join("main-0123.css"),
            "/* Why the body is so. */\nbody {\n  margin: 0 auto;\n}\n",
        )
        .expect("css");
        std::fs::write(dist.join("boot.js"), "// Why it boots.\nboot(  1 );\n").expect("js");
        let html = "<head><link rel=\"stylesheet\" href=\"/essais/main-0123.css\" integrity=\"x\"/><script src=\"boot.js\"></script></head>";
        assert_eq!(
            inline(&dist, html).expect("inlined"),
            "<head><style>body{margin:0 auto;}</style><script>boot(1);</script></head>"
        );
        assert!(!dist.join("boot.js").exists() && !dist.join("main-0123.css").exists());
        let _ = std::fs::remove_dir_all(&dist);
    }
}
