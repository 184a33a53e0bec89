//! The line under an essay's title, in the library and on its page:
//! languages available, reading time, comments.

use essais_core::ui::{comment_count, reading_time, strings};
use essais_core::Lang;
use leptos::prelude::*;

#[component]
pub fn EssayMeta(
    languages: Vec<Lang>,
    word_count: u32,
    comments: u32,
    lang: Lang,
) -> impl IntoView {
    let ui = strings(lang);
    let names = languages
        .iter()
        .map(|l| ui.language(*l))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <p class="essay-meta" lang=lang.code()>
            <span class="languages">{format!("{}{}{names}", ui.languages, ui.colon)}</span>
            " · "
            {reading_time(lang, word_count)}
            " · "
            {comment_count(lang, comments)}
        </p>
    }
}
