//! The site header: the name of the site and the language toggle.

use essais_core::ui::strings;
use essais_core::Lang;
use leptos::prelude::*;

use crate::language::{choose_language, use_reading_language};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_reading_language();
    view! {
        <header class="site-header">
            <p class="site-name">
                <span class="site-title">"essais"</span>
                <span class="site-tagline">{move || strings(lang.get()).tagline}</span>
            </p>
            <nav class="language-switch" aria-label=move || strings(lang.get()).language_switch_label>
                {Lang::ALL.map(|option| view! {
                    <button
                        type="button"
                        lang=option.code()
                        aria-pressed=move || (lang.get() == option).to_string()
                        on:click=move |_| choose_language(option)
                    >
                        {strings(option).language_name}
                    </button>
                })}
            </nav>
        </header>
    }
}
