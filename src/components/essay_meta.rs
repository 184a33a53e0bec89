//! The line under an essay's title, in the library and on its page:
//! languages available, reading time, comments.

use essais_core::ui::{comment_count, languages_line, reading_time};
use essais_core::Lang;
use leptos::prelude::*;

#[component]
pub fn EssayMeta(
    languages: Vec<Lang>,
    word_count: u32,
    comments: u32,
    lang: Lang,
) -> impl IntoView {
    view! {
        <p class="essay-meta" lang=lang.code()>
            <span class="languages">{languages_line(lang, &languages)}</span>
            " · "
            {reading_time(lang, word_count)}
            " · "
            {comment_count(lang, comments)}
        </p>
    }
}
