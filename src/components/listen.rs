//! Listen: the essay read aloud by the browser's own speech synthesis (no
//! server; offline where the system has voices), sentence by sentence, the
//! sentence being read marked and kept on screen; pause, resume, speed. A
//! translated essay can be heard paragraph by paragraph with its
//! translation, each in its own language's voice. Where a language has no
//! voice, the control says so rather than read with the wrong accent. What
//! is said, in which order, is `essais_core::reading::read_aloud`.

use essais_core::reading::{read_aloud, Utterance};
use essais_core::ui::{no_voice, strings};
use essais_core::{Essay, Lang};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::api::use_bodies;

const HIGHLIGHT: &str = "reading-aloud";
/// Speeds in percent: integers, so that no float is formatted or parsed
/// (float formatting alone would add kilobytes to the WASM).
const SPEEDS: [(&str, u32); 4] = [("0.8×", 80), ("1×", 100), ("1.25×", 125), ("1.5×", 150)];

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Playing,
    Paused,
}

#[component]
pub fn Listen(
    essay: Essay,
    /// The translation, when there is one (its body is fetched if needed).
    translation: Option<Essay>,
    /// Side by side or not: the control stays across a switch (and so does
    /// a reading), the sentence read is marked in the view shown.
    side_by_side: Memo<bool>,
    lang: Lang,
) -> impl IntoView {
    let ui = strings(lang);
    let cache = use_bodies();
    let state = RwSignal::new(State::Idle);
    let both = RwSignal::new(false);
    let rate = RwSignal::new(100_u32);
    let message = RwSignal::new(String::new());
    // Bumped by every start and stop: a sentence ending after a stop does
    // not start the next one.
    let run = StoredValue::new(0_u32);
    let has_translation = translation.is_some();
    let (essay, translation) = (StoredValue::new(essay), StoredValue::new(translation));

    let start = move |_| {
        let Some(synth) = window().speech_synthesis().ok() else {
            message.set(no_voice(lang, essay.with_value(|e| e.lang)));
            return;
        };
        let own = essay.with_value(|e| e.lang);
        let other = translation
            .with_value(|t| t.clone())
            .filter(|_| both.get_untracked());
        let voices = [Some(own), other.as_ref().map(|o| o.lang)];
        let mut chosen = Vec::new();
        for lang_needed in voices.into_iter().flatten() {
            match voice_for(&synth, lang_needed) {
                Some(voice) => chosen.push((lang_needed, voice)),
                None => {
                    message.set(no_voice(lang, lang_needed));
                    return;
                }
            }
        }
        message.set(String::new());
        let generation = run.get_value() + 1;
        run.set_value(generation);
        leptos::task::spawn_local(async move {
            // The text is in memory once shown; fetched if Listen was
            // pressed before it arrived.
            let Ok(primary) = cache.fetch(essay.with_value(|e| e.body_url.clone())).await else {
                message.set(ui.text_failed.to_string());
                return;
            };
            let other_body = match &other {
                Some(o) => cache.fetch(o.body_url.clone()).await.ok(),
                None => None,
            };
            let said = match (&other, &other_body, &primary.alignment) {
                (Some(o), Some(b), Some(rows)) => {
                    read_aloud(&primary.blocks, own, Some((&b.blocks, o.lang, rows)))
                }
                _ => read_aloud(&primary.blocks, own, None),
            };
            synth.cancel();
            state.set(State::Playing);
            let player = Player {
                said: std::rc::Rc::new(said),
                voices: std::rc::Rc::new(chosen),
                generation,
                run,
                state,
                rate,
                side_by_side,
            };
            player.say(0);
        });
    };
    let stop = move |_| {
        run.set_value(run.get_value() + 1);
        if let Ok(synth) = window().speech_synthesis() {
            synth.cancel();
        }
        state.set(State::Idle);
        clear_marks();
    };
    let pause = move |_| {
        if let Ok(synth) = window().speech_synthesis() {
            match state.get_untracked() {
                State::Playing => {
                    synth.pause();
                    state.set(State::Paused);
                }
                State::Paused => {
                    synth.resume();
                    state.set(State::Playing);
                }
                State::Idle => {}
            }
        }
    };
    // Leaving the page stops the reading (in an effect: browser only).
    Effect::new(move |_| {
        on_cleanup(move || {
            run.set_value(run.get_value() + 1);
            if let Ok(synth) = window().speech_synthesis() {
                synth.cancel();
            }
            clear_marks();
        });
    });
    let speeds = SPEEDS
        .iter()
        .map(|&(label, value)| view! { <option value=value.to_string() selected=value == 100>{label}</option> })
        .collect_view();
    view! {
        <div class="listen" role="group" aria-label=ui.reading_aloud lang=lang.code()>
            {move || (state.get() == State::Idle).then(|| view! {
                <button type="button" class="listen-start" on:click=start>{ui.listen}</button>
                {has_translation.then(|| view! {
                    <label class="listen-both">
                        <input type="checkbox" prop:checked=move || both.get() on:change=move |e| both.set(event_target_checked(&e)) />
                        " "{ui.listen_with_translation}
                    </label>
                })}
            })}
            {move || (state.get() != State::Idle).then(|| view! {
                <button type="button" class="listen-pause" aria-pressed=move || (state.get() == State::Paused).to_string() on:click=pause>
                    {move || if state.get() == State::Paused { ui.resume } else { ui.pause }}
                </button>
                <button type="button" class="listen-stop" on:click=stop>{ui.stop}</button>
            })}
            <label class="listen-speed">
                {ui.speed}" "
                <select on:change=move |e| rate.set(event_target_value(&e).parse().unwrap_or(100))>{speeds}</select>
            </label>
            <p class="listen-status" class:shown=move || !message.get().is_empty() role="status">{move || message.get()}</p>
        </div>
    }
}

/// A voice of the system for `lang`: its default one if it is of that
/// language, else the first whose language tag is.
fn voice_for(synth: &web_sys::SpeechSynthesis, lang: Lang) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> = synth
        .get_voices()
        .iter()
        .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
        .collect();
    let of_lang = |v: &&SpeechSynthesisVoice| v.lang().to_lowercase().starts_with(lang.code());
    voices
        .iter()
        .filter(of_lang)
        .find(|v| v.default())
        .or_else(|| voices.iter().find(of_lang))
        .cloned()
}

/// One reading, sentence after sentence.
#[derive(Clone)]
struct Player {
    said: std::rc::Rc<Vec<Utterance>>,
    voices: std::rc::Rc<Vec<(Lang, SpeechSynthesisVoice)>>,
    generation: u32,
    run: StoredValue<u32>,
    state: RwSignal<State>,
    rate: RwSignal<u32>,
    side_by_side: Memo<bool>,
}

impl Player {
    fn say(self, k: usize) {
        if self.run.get_value() != self.generation {
            return;
        }
        let Some(sentence) = self.said.get(k) else {
            self.state.set(State::Idle);
            clear_marks();
            return;
        };
        let Ok(synth) = window().speech_synthesis() else {
            return;
        };
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&sentence.text) else {
            return;
        };
        if let Some((_, voice)) = self.voices.iter().find(|(l, _)| *l == sentence.lang) {
            utterance.set_voice(Some(voice));
            utterance.set_lang(&voice.lang());
        }
        utterance.set_rate(self.rate.get_untracked() as f32 / 100.0);
        mark(sentence, self.side_by_side.get_untracked());
        let next = self.clone();
        let on_end = Closure::once_into_js(move || next.say(k + 1));
        utterance.set_onend(Some(on_end.unchecked_ref()));
        synth.speak(&utterance);
    }
}

/// Marks the sentence being read (a CSS custom highlight over its text)
/// and keeps its block on screen.
fn mark(sentence: &Utterance, side_by_side: bool) {
    unmark_sentence();
    highlight_style(true);
    let id = match (sentence.translation, side_by_side) {
        (false, _) => format!("p{}", sentence.block + 1),
        (true, true) => format!("o{}", sentence.block + 1),
        // The translation at hand is not on the page unless revealed.
        (true, false) => return,
    };
    let Some(block) = document().get_element_by_id(&id) else {
        return;
    };
    let _ = block.class_list().add_1(HIGHLIGHT);
    if let Some(range) = text_range(&block, &sentence.text) {
        let _ = highlight(&range);
    }
    let rect = block.get_bounding_client_rect();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if rect.top() < 0.0 || rect.bottom() > height {
        crate::reading_place::scroll_to_fragment(&id);
    }
}

/// The reading is over: nothing marked, and the marks' style gone.
fn clear_marks() {
    unmark_sentence();
    highlight_style(false);
}

fn unmark_sentence() {
    for el in crate::reading_place::all::<web_sys::Element>(&format!(".{HIGHLIGHT}")) {
        let _ = el.class_list().remove_1(HIGHLIGHT);
    }
    let _ = registry().and_then(|r| call(&r, "delete", &[HIGHLIGHT.into()]));
}

/// The marked sentence's style, in the page's stylesheet only while
/// reading aloud: while a `::highlight()` rule is there, the browser works
/// out highlight styles for every element at every change of the page (a
/// third of the style work of the library's language toggle, measured:
/// docs/performance.md).
fn highlight_style(on: bool) {
    let Some(sheet) = document()
        .style_sheets()
        .get(0)
        .and_then(|sheet| sheet.dyn_into::<web_sys::CssStyleSheet>().ok())
    else {
        return;
    };
    let Ok(rules) = sheet.css_rules() else {
        return;
    };
    let selector = format!("::highlight({HIGHLIGHT})");
    let at = (0..rules.length()).rev().find(|&i| {
        rules
            .get(i)
            .is_some_and(|rule| rule.css_text().starts_with(&selector))
    });
    match (on, at) {
        (true, None) => {
            let rule =
                format!("{selector} {{ background-color: var(--highlight); color: var(--text); }}");
            let _ = sheet.insert_rule_with_index(&rule, rules.length());
        }
        (false, Some(i)) => {
            let _ = sheet.delete_rule(i);
        }
        _ => {}
    }
}

/// The range of `element`'s text that holds `sentence` (offsets in UTF-16,
/// as the DOM counts them).
fn text_range(element: &web_sys::Element, sentence: &str) -> Option<web_sys::Range> {
    let mut nodes = Vec::new();
    collect_text(element, &mut nodes);
    let whole: String = nodes.iter().map(|(_, t)| t.as_str()).collect();
    let start = whole.find(sentence)?;
    let end = start + sentence.len();
    let range = document().create_range().ok()?;
    let mut at = 0;
    let (mut started, mut ended) = (false, false);
    for (node, text) in &nodes {
        let next = at + text.len();
        if !started && start < next {
            range
                .set_start(node, text[..start - at].encode_utf16().count() as u32)
                .ok()?;
            started = true;
        }
        if started && end <= next {
            range
                .set_end(node, text[..end - at].encode_utf16().count() as u32)
                .ok()?;
            ended = true;
            break;
        }
        at = next;
    }
    ended.then_some(range)
}

fn collect_text(node: &web_sys::Node, out: &mut Vec<(web_sys::Node, String)>) {
    if node.node_type() == web_sys::Node::TEXT_NODE {
        out.push((node.clone(), node.text_content().unwrap_or_default()));
        return;
    }
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            collect_text(&child, out);
        }
    }
}

/// `CSS.highlights`, where the browser has custom highlights (else the
/// block's own class is the mark).
fn registry() -> Option<JsValue> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    js_sys::Reflect::get(&css, &"highlights".into())
        .ok()
        .filter(|r| !r.is_undefined())
}

fn highlight(range: &web_sys::Range) -> Option<JsValue> {
    let registry = registry()?;
    let class = js_sys::Reflect::get(&js_sys::global(), &"Highlight".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let highlight = js_sys::Reflect::construct(&class, &js_sys::Array::of1(range)).ok()?;
    call(&registry, "set", &[HIGHLIGHT.into(), highlight])
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function = js_sys::Reflect::get(target, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    js_sys::Reflect::apply(&function, target, &args).ok()
}
