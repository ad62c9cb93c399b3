//! Small DOM helpers over web-sys. Text goes in through `textContent` only:
//! knowledge-base text is never parsed as HTML.

use crate::prelude::*;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// Builds elements for one widget; `now` stamps the buttons it makes, so a
/// tap that lands on a button born under the finger can be told apart.
pub struct Dom {
    pub doc: Document,
    pub now: f64,
}

impl Dom {
    /// `<tag attr=value…>`; an attribute whose value is `None` is left off.
    pub fn el(&self, tag: &str, attrs: &[(&str, &str)]) -> Element {
        // Creating an element with a fixed, valid name cannot fail; if the
        // browser refuses anyway, a detached <div> keeps the widget going.
        let el = (self.doc.create_element(tag))
            .or_else(|_| self.doc.create_element("div"))
            .unwrap_or_else(|_| JsValue::NULL.unchecked_into());
        for (name, value) in attrs {
            let _ = el.set_attribute(name, value);
        }
        el
    }

    /// An element holding plain text.
    pub fn text(&self, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
        let el = self.el(tag, attrs);
        el.set_text_content(Some(text));
        el
    }

    /// A real button (Enter and Space for free) with an action name.
    pub fn button(&self, label: &str, act: &str, attrs: &[(&str, &str)]) -> Element {
        let b = self.text("button", &[("type", "button"), ("data-act", act)], label);
        let _ = b.set_attribute("data-born", &(self.now as u64).to_string());
        for (name, value) in attrs {
            let _ = b.set_attribute(name, value);
        }
        b
    }
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

pub fn clear(el: &Element) {
    el.set_text_content(None);
}

pub fn set_hidden(el: &Element, hidden: bool) {
    let _ = el.toggle_attribute_with_force("hidden", hidden);
}

pub fn focus(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
