//! Every string of the interface, in both languages.
//!
//! One struct, one constant per language: the compiler refuses a string that
//! exists in only one of them. Strings that take values are functions below.

use crate::corpus::CorpusLoadError;
use crate::lang::Lang;

pub struct UiStrings {
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_title: &'static str,
    pub library_heading: &'static str,
    pub language_switch_label: &'static str,
    /// The name of the language, written in that language (for the toggle).
    pub language_name: &'static str,
    pub only_in_french: &'static str,
    pub only_in_english: &'static str,
    pub categories: &'static str,
    pub tags: &'static str,
    pub no_essays: &'static str,
    pub not_found_title: &'static str,
    pub back_to_library: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub no_results: &'static str,
    pub crashed: &'static str,
    pub reload_page: &'static str,
    pub update_available: &'static str,
    pub reload: &'static str,
    pub offline_now: &'static str,
    pub offline_not_ready: &'static str,
    pub ready_offline: &'static str,
    /// Offline, when only the essays opened (or saved) are on the device.
    pub offline_now_saved: &'static str,
    /// Offline, an essay that is not on the device.
    pub not_saved_offline: &'static str,
    pub view_label: &'static str,
    pub single_view: &'static str,
    pub side_by_side: &'static str,
    pub swap_sides: &'static str,
    pub hide_translations: &'static str,
    pub show_translations: &'static str,
    pub hide_translation: &'static str,
    pub show_translation: &'static str,
    pub no_side_by_side: &'static str,
    pub no_counterpart: &'static str,
    /// On a side-by-side row the aligner was unsure of.
    pub uncertain_pairing: &'static str,
    /// Said by a sentence, side by side, that faces no sentence.
    pub no_sentence_counterpart: &'static str,
    /// How to go sentence by sentence in a side-by-side row.
    pub sentence_keys: &'static str,
    /// " : " in French typography, ": " in English.
    pub colon: &'static str,
    pub categories_and_tags: &'static str,
    pub filters_heading: &'static str,
    pub both_languages: &'static str,
    pub clear_all: &'static str,
    /// The filter panel's button that folds its tags again.
    pub fewer_tags: &'static str,
    /// The same for a long list of categories, unfolded.
    pub fewer_categories: &'static str,
    /// The field that finds a tag by name in a long list.
    pub find_tag: &'static str,
    pub active_filters: &'static str,
    pub no_match: &'static str,
    pub ignored_filters: &'static str,
    pub languages: &'static str,
    pub french: &'static str,
    pub english: &'static str,
    pub previous_essay: &'static str,
    pub next_essay: &'static str,
    pub essay_navigation: &'static str,
    pub text_size: &'static str,
    pub smaller_text: &'static str,
    pub larger_text: &'static str,
    pub essay_not_found: &'static str,
    pub page_not_found: &'static str,
    pub loading_text: &'static str,
    /// Followed by `colon` and [`crate::CorpusLoadError::cause`].
    pub text_failed: &'static str,
    pub search_loading: &'static str,
    /// In place of the count, while the first hits are shown and the rest
    /// of a common word's postings are on their way.
    pub search_counting: &'static str,
    /// Followed by `colon` and [`crate::CorpusLoadError::cause`].
    pub search_failed: &'static str,
    /// Some hits' passages could not be fetched (their excerpt is shown).
    pub passages_failed: &'static str,
    pub continue_reading: &'static str,
    pub forget_places: &'static str,
    pub reading_progress: &'static str,
    pub copy_passage_link: &'static str,
    pub link_copied: &'static str,
    pub shortcuts_title: &'static str,
    pub close: &'static str,
    /// What each reading key does, in the order of [`crate::reading::KEYS`].
    pub shortcut_next: &'static str,
    pub shortcut_previous: &'static str,
    pub shortcut_translation: &'static str,
    pub shortcut_help: &'static str,
    pub found_marks: &'static str,
    pub previous_match: &'static str,
    pub next_match: &'static str,
    pub clear_marks: &'static str,
    pub listen: &'static str,
    pub listen_with_translation: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub stop: &'static str,
    pub speed: &'static str,
    pub reading_aloud: &'static str,
}

pub const FR: UiStrings = UiStrings {
    tagline: "Essais en français et en anglais",
    skip_to_content: "Aller au contenu",
    loading: "Chargement des essais…",
    retry: "Réessayer",
    error_title: "Les essais n’ont pas pu être chargés",
    library_heading: "Tous les essais",
    language_switch_label: "Langue de lecture",
    language_name: "Français",
    only_in_french: "en français seulement",
    only_in_english: "en anglais seulement",
    categories: "Catégories",
    tags: "Mots-clés",
    no_essays: "Aucun essai pour l’instant.",
    not_found_title: "Page introuvable",
    back_to_library: "Retour à la bibliothèque",
    search_label: "Rechercher dans les essais",
    search_hint: "Des mots ou une « expression entre guillemets » ; touche / pour y revenir.",
    no_results: "Aucun passage ne correspond à cette recherche.",
    crashed: "Une erreur inattendue a arrêté essais. Rechargez la page pour continuer.",
    reload_page: "Recharger la page",
    update_available: "Une nouvelle version est disponible —",
    reload: "recharger",
    offline_now: "Hors ligne : les essais restent lisibles.",
    offline_not_ready:
        "Hors ligne, et les essais ne sont pas encore enregistrés pour la lecture hors ligne.",
    ready_offline: "Prêt pour la lecture hors ligne",
    offline_now_saved:
        "Hors ligne : la bibliothèque et les essais enregistrés sur cet appareil restent lisibles.",
    not_saved_offline: "Cet essai n’est pas enregistré sur cet appareil : il le sera une fois ouvert en ligne (ou avec « Enregistrer tous les essais », en bas de la bibliothèque).",
    view_label: "Affichage",
    single_view: "Un seul texte",
    side_by_side: "Côte à côte",
    swap_sides: "Inverser les côtés",
    hide_translations: "Masquer les traductions",
    show_translations: "Afficher les traductions",
    hide_translation: "Masquer la traduction",
    show_translation: "Afficher la traduction",
    no_side_by_side: "Pas de lecture côte à côte : cet essai n’a pas de traduction.",
    no_counterpart: "Pas d’équivalent dans l’autre langue",
    uncertain_pairing: "Correspondance incertaine",
    no_sentence_counterpart: "Cette phrase n’a pas d’équivalent dans l’autre langue",
    sentence_keys: "Flèches gauche et droite : phrase par phrase",
    colon: " : ",
    categories_and_tags: "Catégories et mots-clés",
    filters_heading: "Filtrer",
    both_languages: "Disponible dans les deux langues",
    clear_all: "Tout effacer",
    fewer_tags: "Afficher moins de mots-clés",
    fewer_categories: "Afficher moins de catégories",
    find_tag: "Trouver un mot-clé",
    active_filters: "Filtres actifs",
    no_match: "Aucun essai ne correspond à ces filtres.",
    ignored_filters: "Filtres inconnus ignorés :",
    languages: "Langues",
    french: "français",
    english: "anglais",
    previous_essay: "Essai précédent",
    next_essay: "Essai suivant",
    essay_navigation: "Autres essais",
    text_size: "Taille du texte",
    smaller_text: "Texte plus petit",
    larger_text: "Texte plus grand",
    essay_not_found: "Cet essai est introuvable. Son adresse a peut-être changé.",
    page_not_found: "Cette adresse ne correspond à aucune page.",
    loading_text: "Chargement du texte…",
    text_failed: "Le texte de cet essai n’a pas pu être chargé",
    search_loading: "Préparation de la recherche…",
    search_counting: "Premiers passages trouvés ; la suite arrive…",
    search_failed: "La recherche n’a pas pu être préparée",
    passages_failed: "Certains passages trouvés n’ont pas pu être chargés (leur résumé est affiché)",
    continue_reading: "Reprendre la lecture",
    forget_places: "Oublier ces lectures",
    reading_progress: "Progression de la lecture",
    copy_passage_link: "Copier le lien de ce paragraphe",
    link_copied: "Lien copié",
    shortcuts_title: "Raccourcis clavier",
    close: "Fermer",
    shortcut_next: "paragraphe suivant",
    shortcut_previous: "paragraphe précédent",
    shortcut_translation: "afficher ou masquer la traduction du paragraphe",
    shortcut_help: "afficher ces raccourcis",
    found_marks: "Mots recherchés",
    previous_match: "Précédent",
    next_match: "Suivant",
    clear_marks: "Effacer le marquage",
    listen: "Écouter",
    listen_with_translation: "avec la traduction, paragraphe par paragraphe",
    pause: "Pause",
    resume: "Reprendre",
    stop: "Arrêter",
    speed: "Vitesse",
    reading_aloud: "Lecture à voix haute",
};

pub const EN: UiStrings = UiStrings {
    tagline: "Essays in French and English",
    skip_to_content: "Skip to content",
    loading: "Loading the essays…",
    retry: "Try again",
    error_title: "The essays could not be loaded",
    library_heading: "All essays",
    language_switch_label: "Reading language",
    language_name: "English",
    only_in_french: "French only",
    only_in_english: "English only",
    categories: "Categories",
    tags: "Tags",
    no_essays: "No essays yet.",
    not_found_title: "Page not found",
    back_to_library: "Back to the library",
    search_label: "Search the essays",
    search_hint: "Words or a “quoted phrase”; press / to come back here.",
    no_results: "No passage matches this search.",
    crashed: "An unexpected error stopped essais. Reload the page to carry on.",
    reload_page: "Reload the page",
    update_available: "A new version is available —",
    reload: "reload",
    offline_now: "Offline: the essays remain readable.",
    offline_not_ready: "Offline, and the essays are not yet saved for offline reading.",
    ready_offline: "Ready to read offline",
    offline_now_saved: "Offline: the library and the essays saved on this device remain readable.",
    not_saved_offline: "This essay is not saved on this device: it will be once opened online (or with “Save every essay”, at the foot of the library).",
    view_label: "View",
    single_view: "Single text",
    side_by_side: "Side by side",
    swap_sides: "Swap sides",
    hide_translations: "Hide translations",
    show_translations: "Show translations",
    hide_translation: "Hide translation",
    show_translation: "Show translation",
    no_side_by_side: "No side-by-side reading: this essay has no translation.",
    no_counterpart: "No counterpart in the other language",
    uncertain_pairing: "Uncertain pairing",
    no_sentence_counterpart: "This sentence has no counterpart in the other language",
    sentence_keys: "Left and right arrows: sentence by sentence",
    colon: ": ",
    categories_and_tags: "Categories and tags",
    filters_heading: "Filter",
    both_languages: "Available in both languages",
    clear_all: "Clear all",
    fewer_tags: "Show fewer tags",
    fewer_categories: "Show fewer categories",
    find_tag: "Find a tag",
    active_filters: "Active filters",
    no_match: "No essay matches these filters.",
    ignored_filters: "Unknown filters ignored:",
    languages: "Languages",
    french: "French",
    english: "English",
    previous_essay: "Previous essay",
    next_essay: "Next essay",
    essay_navigation: "More essays",
    text_size: "Text size",
    smaller_text: "Smaller text",
    larger_text: "Larger text",
    essay_not_found: "This essay could not be found. Its address may have changed.",
    page_not_found: "This address matches no page.",
    loading_text: "Loading the text…",
    text_failed: "The text of this essay could not be loaded",
    search_loading: "Preparing the search…",
    search_counting: "First passages found; the rest is on its way…",
    search_failed: "The search could not be prepared",
    passages_failed: "Some of the passages found could not be loaded (their summary is shown)",
    continue_reading: "Continue reading",
    forget_places: "Forget these",
    reading_progress: "Reading progress",
    copy_passage_link: "Copy a link to this paragraph",
    link_copied: "Link copied",
    shortcuts_title: "Keyboard shortcuts",
    close: "Close",
    shortcut_next: "next paragraph",
    shortcut_previous: "previous paragraph",
    shortcut_translation: "show or hide the paragraph’s translation",
    shortcut_help: "show these shortcuts",
    found_marks: "Searched words",
    previous_match: "Previous",
    next_match: "Next",
    clear_marks: "Clear the marks",
    listen: "Listen",
    listen_with_translation: "with the translation, paragraph by paragraph",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    speed: "Speed",
    reading_aloud: "Reading aloud",
};

pub fn strings(lang: Lang) -> &'static UiStrings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

impl UiStrings {
    /// The badge for an essay that exists only in `original`.
    pub fn only_in(&self, original: Lang) -> &'static str {
        match original {
            Lang::Fr => self.only_in_french,
            Lang::En => self.only_in_english,
        }
    }

    /// The name of a language in this interface language ("anglais", "English").
    pub fn language(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.french,
            Lang::En => self.english,
        }
    }
}

/// The document title: "<essay> — essais" on an essay, else the site's
/// name and tagline.
pub fn document_title(page_title: Option<&str>, lang: Lang) -> String {
    match page_title {
        Some(title) => format!("{title} — essais"),
        None => format!("essais — {}", strings(lang).tagline),
    }
}

/// "Langues : anglais, français" / "Languages: English, French".
pub fn languages_line(lang: Lang, languages: &[Lang]) -> String {
    let ui = strings(lang);
    let names: Vec<&str> = languages.iter().map(|l| ui.language(*l)).collect();
    format!("{}{}{}", ui.languages, ui.colon, names.join(", "))
}

/// The notice on an essay shown in its original language because the reader's
/// language has no version.
pub fn untranslated_notice(reader: Lang, original: Lang) -> String {
    match reader {
        Lang::Fr => format!(
            "Cet essai n’existe qu’en {} : en voici le texte original.",
            FR.language(original)
        ),
        Lang::En => format!(
            "This essay exists only in {}: here is the original text.",
            EN.language(original)
        ),
    }
}

/// The notice for essays of the corpus that could not be read.
pub fn rejected_essays(lang: Lang, names: &[&str]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| match lang {
            Lang::Fr => format!("« {n} »"),
            Lang::En => format!("“{n}”"),
        })
        .collect();
    match (lang, names.len()) {
        (Lang::Fr, 1) => format!(
            "Un essai n’a pas pu être lu et n’est pas affiché : {}.",
            quoted.join(", ")
        ),
        (Lang::Fr, n) => format!(
            "{} essais n’ont pas pu être lus et ne sont pas affichés : {}.",
            number(lang, n),
            quoted.join(", ")
        ),
        (Lang::En, 1) => format!(
            "One essay could not be read and is not shown: {}.",
            quoted.join(", ")
        ),
        (Lang::En, n) => format!(
            "{} essays could not be read and are not shown: {}.",
            number(lang, n),
            quoted.join(", ")
        ),
    }
}

/// "Trouvé en anglais" / "Found in English".
pub fn found_in(reader: Lang, matched: Lang) -> String {
    match reader {
        Lang::Fr => format!("Trouvé en {}", FR.language(matched)),
        Lang::En => format!("Found in {}", EN.language(matched)),
    }
}

/// A search hit found only one typo away: where, and the word it has.
pub fn found_close(reader: Lang, matched: Lang, words: &[String]) -> String {
    let words = words.join(", ");
    match reader {
        Lang::Fr => format!(
            "Trouvé en {}, orthographe proche : {words}",
            FR.language(matched)
        ),
        Lang::En => format!("Found in {}, close spelling: {words}", EN.language(matched)),
    }
}

/// Labels the passage of the translation that faces a search hit.
pub fn facing_in(reader: Lang, other: Lang) -> String {
    match reader {
        Lang::Fr => format!("En regard, en {}", FR.language(other)),
        Lang::En => format!("Facing it, in {}", EN.language(other)),
    }
}

/// A count as each language writes it: digits in groups of three from
/// 1,000 up, "25 569" (a narrow no-break space, as French typography and
/// the browsers' `Intl.NumberFormat("fr")` group them) / "25,569". A large
/// library's counts run to five digits, hard to read ungrouped.
pub fn number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// "3 passages" / "1 passage".
pub fn result_count(lang: Lang, count: usize) -> String {
    let n = number(lang, count);
    match (lang, count) {
        (Lang::Fr, 0 | 1) => format!("{n} passage trouvé"),
        (Lang::Fr, _) => format!("{n} passages trouvés"),
        (Lang::En, 1) => "1 passage found".into(),
        (Lang::En, _) => format!("{n} passages found"),
    }
}

/// "3 essais" / "1 essay".
pub fn essay_count(lang: Lang, count: usize) -> String {
    let n = number(lang, count);
    match (lang, count) {
        (Lang::Fr, 0 | 1) => format!("{n} essai"),
        (Lang::Fr, _) => format!("{n} essais"),
        (Lang::En, 1) => "1 essay".into(),
        (Lang::En, _) => format!("{n} essays"),
    }
}

/// The library's "show more" button: "Afficher 20 essais de plus (1 950 restants)".
pub fn show_more(lang: Lang, next: usize, remaining: usize) -> String {
    let left = number(lang, remaining);
    match lang {
        Lang::Fr => format!(
            "Afficher {} de plus ({left} restant{})",
            essay_count(lang, next),
            if remaining > 1 { "s" } else { "" }
        ),
        Lang::En => format!("Show {} more ({left} left)", number(lang, next)),
    }
}

/// The search's "show more" button: "Afficher 10 passages de plus".
pub fn show_more_results(lang: Lang, next: usize) -> String {
    match (lang, next) {
        (Lang::Fr, 1) => "Afficher 1 passage de plus".into(),
        (Lang::Fr, n) => format!("Afficher {n} passages de plus"),
        (Lang::En, 1) => "Show 1 more passage".into(),
        (Lang::En, n) => format!("Show {n} more passages"),
    }
}

/// The accessible name of a chip's remove button.
pub fn remove_filter(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Fr => format!("Retirer le filtre : {label}"),
        Lang::En => format!("Remove filter: {label}"),
    }
}

/// What a screen reader hears after a filter's label: " (2 essais)".
pub fn filter_count(lang: Lang, count: usize) -> String {
    format!(" ({})", essay_count(lang, count))
}

/// "3 mots trouvés pour « bulle »" / "3 matches for “bubble”".
pub fn marks_found(lang: Lang, n: usize, search: &str) -> String {
    let search = search.trim();
    match (lang, n) {
        (Lang::Fr, 0) => format!("Aucun mot trouvé pour «\u{a0}{search}\u{a0}» dans ce texte"),
        (Lang::Fr, 1) => format!("1 mot trouvé pour «\u{a0}{search}\u{a0}»"),
        (Lang::Fr, n) => format!(
            "{} mots trouvés pour «\u{a0}{search}\u{a0}»",
            number(lang, n)
        ),
        (Lang::En, 0) => format!("No match for “{search}” in this text"),
        (Lang::En, 1) => format!("1 match for “{search}”"),
        (Lang::En, n) => format!("{} matches for “{search}”", number(lang, n)),
    }
}

/// "Aucune voix anglaise sur cet appareil…": why nothing is read aloud.
pub fn no_voice(lang: Lang, missing: Lang) -> String {
    match (lang, missing) {
        (Lang::Fr, Lang::Fr) => {
            "Aucune voix française sur cet appareil : la lecture à voix haute n’est pas possible."
                .into()
        }
        (Lang::Fr, Lang::En) => {
            "Aucune voix anglaise sur cet appareil : la lecture à voix haute n’est pas possible."
                .into()
        }
        (Lang::En, Lang::Fr) => {
            "No French voice on this device: the text cannot be read aloud.".into()
        }
        (Lang::En, Lang::En) => {
            "No English voice on this device: the text cannot be read aloud.".into()
        }
    }
}

/// "1,2 Mo" / "1.2 MB": a size to one decimal (integers only: float
/// formatting alone would add kilobytes to the WASM).
pub fn megabytes(lang: Lang, bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = (bytes * 10 + MB / 2) / MB;
    let tenths = tenths.max(1);
    let whole = number(lang, (tenths / 10) as usize);
    match lang {
        Lang::Fr => format!("{whole},{}\u{a0}Mo", tenths % 10),
        Lang::En => format!("{whole}.{} MB", tenths % 10),
    }
}

/// The footer above the offline budget: what this device has.
pub fn offline_saved(lang: Lang, saved: usize, total: usize) -> String {
    let plural = if saved > 1 { "s" } else { "" };
    let (saved, total) = (number(lang, saved), number(lang, total));
    match lang {
        Lang::Fr => format!(
            "Sur cet appareil, pour la lecture hors ligne : la bibliothèque, la recherche et {saved}\u{a0}essai{plural} sur {total}."
        ),
        Lang::En => format!(
            "On this device for offline reading: the library, the search and {saved} of {total} essays."
        ),
    }
}

/// The button that saves every essay, with what it will store.
pub fn save_every_essay(lang: Lang, bytes: u64) -> String {
    match lang {
        Lang::Fr => format!(
            "Enregistrer tous les essais pour la lecture hors ligne ({})",
            megabytes(lang, bytes)
        ),
        Lang::En => format!(
            "Save every essay for offline reading ({})",
            megabytes(lang, bytes)
        ),
    }
}

/// While every essay is being saved.
pub fn saving_essays(lang: Lang, saved: usize, total: usize) -> String {
    let (saved, total) = (number(lang, saved), number(lang, total));
    match lang {
        Lang::Fr => format!("Enregistrement des essais : {saved} sur {total}…"),
        Lang::En => format!("Saving the essays: {saved} of {total}…"),
    }
}

/// Saving every essay stopped: where, and why (`full`: the device has no
/// more room; else the network failed).
pub fn saving_stopped(lang: Lang, saved: usize, total: usize, full: bool) -> String {
    let (saved, total) = (number(lang, saved), number(lang, total));
    match (lang, full) {
        (Lang::Fr, true) => format!(
            "Enregistrement interrompu à {saved} essais sur {total} : plus de place sur cet appareil."
        ),
        (Lang::Fr, false) => format!(
            "Enregistrement interrompu à {saved} essais sur {total} : le réseau n’a pas répondu."
        ),
        (Lang::En, true) => format!(
            "Saving stopped at {saved} of {total} essays: this device has no more room."
        ),
        (Lang::En, false) => format!(
            "Saving stopped at {saved} of {total} essays: the network did not answer."
        ),
    }
}

/// "+ 3 autres" / "+ 3 more": the tags an entry does not list.
pub fn more_tags(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => "+ 1 autre".into(),
        (Lang::Fr, n) => format!("+ {} autres", number(lang, n)),
        (Lang::En, n) => format!("+ {} more", number(lang, n)),
    }
}

/// The filter panel's button that lists the tags it folds:
/// "Afficher les 1 980 autres mots-clés" / "Show 1,980 more tags".
pub fn every_other_tag(lang: Lang, n: usize) -> String {
    every_other(lang, n, ("mot-clé", "mots-clés"), ("tag", "tags"))
}

/// The same for the categories a long list folds:
/// "Afficher les 120 autres catégories" / "Show 120 more categories".
pub fn every_other_category(lang: Lang, n: usize) -> String {
    every_other(
        lang,
        n,
        ("catégorie", "catégories"),
        ("category", "categories"),
    )
}

/// "Afficher les N autres …" / "Show N more …", with each language's noun
/// (singular, plural).
fn every_other(lang: Lang, n: usize, fr: (&str, &str), en: (&str, &str)) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => format!("Afficher l’autre {}", fr.0),
        (Lang::Fr, n) => format!("Afficher les {} autres {}", number(lang, n), fr.1),
        (Lang::En, 1) => format!("Show 1 more {}", en.0),
        (Lang::En, n) => format!("Show {} more {}", number(lang, n), en.1),
    }
}

/// What the tag field found: `listed` of the `matching` tags whose name
/// holds what was typed ("3 mots-clés correspondent" / "3 tags match"; when
/// not every one is listed, a word on narrowing them).
pub fn tags_found(lang: Lang, listed: usize, matching: usize) -> String {
    match (lang, matching) {
        (Lang::Fr, 0) => "Aucun mot-clé ne correspond".into(),
        (Lang::Fr, 1) => "1 mot-clé correspond".into(),
        (Lang::Fr, n) if n <= listed => format!("{} mots-clés correspondent", number(lang, n)),
        (Lang::Fr, n) => format!(
            "{listed} des {} mots-clés qui correspondent : précisez le nom",
            number(lang, n)
        ),
        (Lang::En, 0) => "No tag matches".into(),
        (Lang::En, 1) => "1 tag matches".into(),
        (Lang::En, n) if n <= listed => format!("{} tags match", number(lang, n)),
        (Lang::En, n) => format!(
            "{listed} of {} matching tags shown: type more of the name",
            number(lang, n)
        ),
    }
}

/// "12 min restantes" / "12 min left" (and "Terminé" / "Done" at the end).
pub fn minutes_left(lang: Lang, minutes: u32) -> String {
    match (lang, minutes) {
        (Lang::Fr, 0) => "Terminé".into(),
        (Lang::En, 0) => "Done".into(),
        (Lang::Fr, 1) => "1 min restante".into(),
        (Lang::Fr, n) => format!("{} min restantes", number(lang, n as usize)),
        (Lang::En, n) => format!("{} min left", number(lang, n as usize)),
    }
}

/// "Lu à 30 %" / "30% read": how far a remembered essay was read.
pub fn percent_read(lang: Lang, percent: u32) -> String {
    match lang {
        Lang::Fr => format!("lu à {percent}\u{a0}%"),
        Lang::En => format!("{percent}% read"),
    }
}

/// "12 min de lecture" / "12 min read": a reading time at 230 words a minute,
/// never less than one minute.
pub fn reading_time(lang: Lang, word_count: u32) -> String {
    let minutes = number(lang, word_count.div_ceil(230).max(1) as usize);
    match lang {
        Lang::Fr => format!("{minutes} min de lecture"),
        Lang::En => format!("{minutes} min read"),
    }
}

/// "Aucun commentaire" / "1 comment" / "4 comments".
pub fn comment_count(lang: Lang, comments: u32) -> String {
    match (lang, comments) {
        (Lang::Fr, 0) => "Aucun commentaire".into(),
        (Lang::Fr, 1) => "1 commentaire".into(),
        (Lang::Fr, n) => format!("{} commentaires", number(lang, n as usize)),
        (Lang::En, 0) => "No comments".into(),
        (Lang::En, 1) => "1 comment".into(),
        (Lang::En, n) => format!("{} comments", number(lang, n as usize)),
    }
}

/// Why a part of the corpus could not be loaded, as the end of a sentence ("the network is not answering."), for
/// for a message about one part of the corpus (an essay's text, the search).
pub fn load_error_cause(lang: Lang, error: &CorpusLoadError) -> String {
    match (error, lang) {
        (CorpusLoadError::Network(_), Lang::Fr) => "le réseau ne répond pas.".into(),
        (CorpusLoadError::Network(_), Lang::En) => "the network is not answering.".into(),
        (CorpusLoadError::Http { status }, Lang::Fr) => {
            format!("le serveur a répondu {status}.")
        }
        (CorpusLoadError::Http { status }, Lang::En) => {
            format!("the server answered {status}.")
        }
        (CorpusLoadError::InvalidJson { line, column, .. }, Lang::Fr) => {
            format!("le fichier est illisible (ligne {line}, colonne {column}).")
        }
        (CorpusLoadError::InvalidJson { line, column, .. }, Lang::En) => {
            format!("the file is unreadable (line {line}, column {column}).")
        }
        (CorpusLoadError::UnsupportedSchema { .. }, Lang::Fr) => {
            "le fichier est d’une version que cette application ne sait pas lire.".into()
        }
        (CorpusLoadError::UnsupportedSchema { .. }, Lang::En) => {
            "the file is of a version this app cannot read.".into()
        }
        (CorpusLoadError::Timeout { seconds }, Lang::Fr) => {
            format!("le serveur n’a pas répondu en {seconds} secondes.")
        }
        (CorpusLoadError::Timeout { seconds }, Lang::En) => {
            format!("the server did not answer within {seconds} seconds.")
        }
        (CorpusLoadError::TooDeep { limit }, Lang::Fr) => {
            format!("le texte imbrique citations, listes et emphases sur plus de {limit} niveaux, la limite de cette application.")
        }
        (CorpusLoadError::TooDeep { limit }, Lang::En) => {
            format!("the text nests quotes, lists and emphasis more than {limit} levels deep, this app's limit.")
        }
    }
}

/// Why the corpus could not be loaded: a sentence for the reader, in the
/// reading language.
pub fn load_error_message(lang: Lang, error: &CorpusLoadError) -> String {
    match (error, lang) {
            (CorpusLoadError::Network(_), Lang::Fr) => {
                "Impossible de charger les essais : le réseau ne répond pas.".into()
            }
            (CorpusLoadError::Network(_), Lang::En) => {
                "The essays could not be loaded: the network is not answering.".into()
            }
            (CorpusLoadError::Http { status }, Lang::Fr) => {
                format!("Impossible de charger les essais : le serveur a répondu {status}.")
            }
            (CorpusLoadError::Http { status }, Lang::En) => {
                format!("The essays could not be loaded: the server answered {status}.")
            }
            (CorpusLoadError::InvalidJson { line, column, .. }, Lang::Fr) => format!(
                "Le fichier des essais est illisible (ligne {line}, colonne {column})."
            ),
            (CorpusLoadError::InvalidJson { line, column, .. }, Lang::En) => format!(
                "The essays file is unreadable (line {line}, column {column})."
            ),
            (CorpusLoadError::UnsupportedSchema { .. }, Lang::Fr) => {
                "Le fichier des essais est d’une version que cette application ne sait pas lire. Rechargez la page pour obtenir la dernière version.".into()
            }
            (CorpusLoadError::UnsupportedSchema { .. }, Lang::En) => {
                "The essays file is of a version this app cannot read. Reload the page to get the latest version.".into()
            }
            (CorpusLoadError::Timeout { seconds }, Lang::Fr) => {
                format!("Impossible de charger les essais : le serveur n’a pas répondu en {seconds} secondes.")
            }
            (CorpusLoadError::Timeout { seconds }, Lang::En) => {
                format!("The essays could not be loaded: the server did not answer within {seconds} seconds.")
            }
            (CorpusLoadError::TooDeep { .. }, Lang::Fr) => {
                format!("Impossible de charger les essais : {}", load_error_cause(lang, error))
            }
            (CorpusLoadError::TooDeep { .. }, Lang::En) => {
                format!("The essays could not be loaded: {}", load_error_cause(lang, error))
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_languages_differ_where_they_should() {
        let (fr, en) = (strings(Lang::Fr), strings(Lang::En));
        assert_ne!(fr.loading, en.loading);
        assert_ne!(fr.retry, en.retry);
        assert_eq!(fr.only_in(Lang::En), "en anglais seulement");
        assert_eq!(en.only_in(Lang::En), "English only");
    }

    #[test]
    fn counts_are_grouped_in_threes_as_each_language_writes_them() {
        let nnbsp = '\u{202f}';
        for (n, fr, en) in [
            (0, "0".to_string(), "0"),
            (7, "7".to_string(), "7"),
            (999, "999".to_string(), "999"),
            (1_000, format!("1{nnbsp}000"), "1,000"),
            (25_569, format!("25{nnbsp}569"), "25,569"),
            (1_234_567, format!("1{nnbsp}234{nnbsp}567"), "1,234,567"),
        ] {
            assert_eq!(number(Lang::Fr, n), fr);
            assert_eq!(number(Lang::En, n), en);
        }
        // Every count a large library shows.
        assert_eq!(
            essay_count(Lang::Fr, 40_000),
            format!("40{nnbsp}000 essais")
        );
        assert_eq!(essay_count(Lang::En, 40_000), "40,000 essays");
        assert_eq!(
            result_count(Lang::Fr, 25_569),
            format!("25{nnbsp}569 passages trouvés")
        );
        assert_eq!(result_count(Lang::En, 25_569), "25,569 passages found");
        assert_eq!(
            show_more(Lang::Fr, 20, 19_980),
            format!("Afficher 20 essais de plus (19{nnbsp}980 restants)")
        );
        assert_eq!(
            show_more(Lang::En, 20, 19_980),
            "Show 20 more (19,980 left)"
        );
        assert_eq!(filter_count(Lang::En, 2_807), " (2,807 essays)");
        assert_eq!(
            every_other_tag(Lang::Fr, 1_980),
            format!("Afficher les 1{nnbsp}980 autres mots-clés")
        );
        assert_eq!(every_other_tag(Lang::En, 1_980), "Show 1,980 more tags");
        assert_eq!(every_other_tag(Lang::Fr, 1), "Afficher l’autre mot-clé");
        assert_eq!(every_other_tag(Lang::En, 1), "Show 1 more tag");
        assert_eq!(
            every_other_category(Lang::Fr, 1_120),
            format!("Afficher les 1{nnbsp}120 autres catégories")
        );
        assert_eq!(
            every_other_category(Lang::En, 1_120),
            "Show 1,120 more categories"
        );
        assert_eq!(
            every_other_category(Lang::Fr, 1),
            "Afficher l’autre catégorie"
        );
        assert_eq!(every_other_category(Lang::En, 1), "Show 1 more category");
        assert_eq!(tags_found(Lang::Fr, 0, 0), "Aucun mot-clé ne correspond");
        assert_eq!(tags_found(Lang::En, 1, 1), "1 tag matches");
        assert_eq!(tags_found(Lang::Fr, 3, 3), "3 mots-clés correspondent");
        assert_eq!(
            tags_found(Lang::Fr, 20, 1_450),
            format!("20 des 1{nnbsp}450 mots-clés qui correspondent : précisez le nom")
        );
        assert_eq!(
            tags_found(Lang::En, 20, 1_450),
            "20 of 1,450 matching tags shown: type more of the name"
        );
        assert_eq!(
            offline_saved(Lang::Fr, 2, 40_000),
            format!("Sur cet appareil, pour la lecture hors ligne : la bibliothèque, la recherche et 2\u{a0}essais sur 40{nnbsp}000.")
        );
        assert_eq!(
            offline_saved(Lang::En, 1_204, 40_000),
            "On this device for offline reading: the library, the search and 1,204 of 40,000 essays."
        );
        assert_eq!(
            saving_essays(Lang::En, 1_204, 40_000),
            "Saving the essays: 1,204 of 40,000…"
        );
        assert_eq!(
            saving_stopped(Lang::Fr, 1_204, 40_000, true),
            format!("Enregistrement interrompu à 1{nnbsp}204 essais sur 40{nnbsp}000 : plus de place sur cet appareil.")
        );
        assert_eq!(
            megabytes(Lang::Fr, 1_300 * 1024 * 1024),
            format!("1{nnbsp}300,0\u{a0}Mo")
        );
        assert_eq!(megabytes(Lang::En, 1_300 * 1024 * 1024), "1,300.0 MB");
        assert_eq!(marks_found(Lang::En, 1_500, "a"), "1,500 matches for “a”");
        assert_eq!(
            comment_count(Lang::Fr, 1_200),
            format!("1{nnbsp}200 commentaires")
        );
        assert_eq!(reading_time(Lang::En, 230 * 1_500), "1,500 min read");
    }

    #[test]
    fn show_more_says_how_many_in_both_languages() {
        assert_eq!(
            show_more(Lang::Fr, 50, 120),
            "Afficher 50 essais de plus (120 restants)"
        );
        assert_eq!(
            show_more(Lang::Fr, 1, 1),
            "Afficher 1 essai de plus (1 restant)"
        );
        assert_eq!(show_more(Lang::En, 50, 120), "Show 50 more (120 left)");
        assert_eq!(
            show_more_results(Lang::Fr, 20),
            "Afficher 20 passages de plus"
        );
        assert_eq!(show_more_results(Lang::En, 1), "Show 1 more passage");
        let (fr, en) = (strings(Lang::Fr), strings(Lang::En));
        for (a, b) in [
            (fr.loading_text, en.loading_text),
            (fr.text_failed, en.text_failed),
            (fr.search_loading, en.search_loading),
            (fr.search_counting, en.search_counting),
            (fr.search_failed, en.search_failed),
        ] {
            assert_ne!(a, b);
        }
    }

    #[test]
    fn notices_and_counts_are_in_the_reader_language() {
        assert_eq!(
            untranslated_notice(Lang::Fr, Lang::En),
            "Cet essai n’existe qu’en anglais : en voici le texte original."
        );
        assert_eq!(
            untranslated_notice(Lang::En, Lang::Fr),
            "This essay exists only in French: here is the original text."
        );
        assert_eq!(essay_count(Lang::Fr, 0), "0 essai");
        assert_eq!(essay_count(Lang::Fr, 3), "3 essais");
        assert_eq!(essay_count(Lang::En, 1), "1 essay");
        assert_eq!(remove_filter(Lang::Fr, "Vécu"), "Retirer le filtre : Vécu");
    }

    #[test]
    fn unreadable_essays_are_named_in_both_languages() {
        assert_eq!(
            rejected_essays(Lang::Fr, &["Abîmé"]),
            "Un essai n’a pas pu être lu et n’est pas affiché : « Abîmé »."
        );
        assert_eq!(
            rejected_essays(Lang::En, &["A", "B"]),
            "2 essays could not be read and are not shown: “A”, “B”."
        );
    }

    #[test]
    fn reading_time_rounds_up_and_never_says_zero() {
        assert_eq!(reading_time(Lang::En, 0), "1 min read");
        assert_eq!(reading_time(Lang::En, 230), "1 min read");
        assert_eq!(reading_time(Lang::Fr, 231), "2 min de lecture");
    }

    #[test]
    fn comment_counts_agree_in_number() {
        assert_eq!(comment_count(Lang::Fr, 0), "Aucun commentaire");
        assert_eq!(comment_count(Lang::En, 1), "1 comment");
        assert_eq!(comment_count(Lang::En, 4), "4 comments");
        assert_eq!(comment_count(Lang::Fr, 4), "4 commentaires");
    }

    #[test]
    fn sizes_and_the_offline_footer_in_both_languages() {
        assert_eq!(megabytes(Lang::En, 1_258_291), "1.2 MB");
        assert_eq!(megabytes(Lang::Fr, 1_258_291), "1,2\u{a0}Mo");
        assert_eq!(megabytes(Lang::En, 48_400_000), "46.2 MB");
        // Never "0.0": something is stored.
        assert_eq!(megabytes(Lang::En, 10), "0.1 MB");
        assert_eq!(
            save_every_essay(Lang::En, 600_000),
            "Save every essay for offline reading (0.6 MB)"
        );
        assert_eq!(
            offline_saved(Lang::Fr, 1, 8),
            "Sur cet appareil, pour la lecture hors ligne : la bibliothèque, la recherche et 1\u{a0}essai sur 8."
        );
        assert_eq!(
            offline_saved(Lang::En, 2, 8),
            "On this device for offline reading: the library, the search and 2 of 8 essays."
        );
        assert_ne!(
            saving_stopped(Lang::En, 1, 2, true),
            saving_stopped(Lang::En, 1, 2, false)
        );
        assert_ne!(
            saving_stopped(Lang::Fr, 1, 2, true),
            saving_stopped(Lang::Fr, 1, 2, false)
        );
    }
}
