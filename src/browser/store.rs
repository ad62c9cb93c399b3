//! Saved progress: localStorage and share links. Storage is a nicety:
//! private modes, full quotas and sandboxed frames throw, and the widget
//! keeps working without a trace.

use crate::prelude::*;

use crate::engine::MAX_SAVED_LEN;
use wasm_bindgen::JsValue;
use web_sys::Window;

pub fn read(window: &Window, key: &str) -> Option<String> {
    window.local_storage().ok()??.get_item(key).ok()?
}

pub fn write(window: &Window, key: &str, value: &str) {
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(window: &Window, key: &str) {
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// What the address bar holds for this widget.
pub enum Link {
    None,
    Session(String),
    /// Not base64url of UTF-8 text.
    Unreadable,
    /// Longer than saved progress may be: not decoded at all.
    TooLong,
}

pub fn read_link(window: &Window, prefix: &str) -> Link {
    let hash = window.location().hash().unwrap_or_default();
    let Some(code) = hash.strip_prefix(prefix) else {
        return Link::None;
    };
    // Base64 holds 3 bytes in 4 characters.
    if code.len() > MAX_SAVED_LEN.div_ceil(3) * 4 {
        return Link::TooLong;
    }
    let standard: String = (code.chars())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let Ok(binary) = window.atob(&standard) else {
        return Link::Unreadable;
    };
    // atob gives one character per byte.
    let bytes: Option<Vec<u8>> = binary
        .chars()
        .map(|c| u8::try_from(c as u32).ok())
        .collect();
    match bytes.and_then(|b| String::from_utf8(b).ok()) {
        Some(text) => Link::Session(text),
        None => Link::Unreadable,
    }
}

/// The page's address with this widget's progress in the fragment.
pub fn link_for(window: &Window, prefix: &str, session: &str) -> String {
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let binary: String = session.bytes().map(char::from).collect();
    let code: String = (window.btoa(&binary).unwrap_or_default().chars())
        .filter(|&c| c != '=')
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    format!("{base}{prefix}{code}")
}

/// Puts this widget's progress in the address bar, or takes it out (`None`).
pub fn write_link(window: &Window, prefix: &str, session: Option<&str>) {
    let location = window.location();
    let url = match session {
        Some(s) => link_for(window, prefix, s),
        None => format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        ),
    };
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}

pub fn link_present(window: &Window, prefix: &str) -> bool {
    (window.location().hash())
        .map(|h| h.starts_with(prefix))
        .unwrap_or(false)
}
