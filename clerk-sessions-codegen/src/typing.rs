//! The typing file: what the capability YAML cannot say (schemas, enums, constraints).

use crate::lower::Ctx;
use crate::model::Module;

/// A parsed typing file.
#[derive(Debug, Default)]
pub struct Typing {}

/// The part of a typing file for one adapter.
#[derive(Debug, Default)]
pub(crate) struct ModuleTyping {}

impl Typing {
    pub(crate) fn for_namespace(&self, _namespace: &str) -> Option<&ModuleTyping> {
        None
    }
    pub(crate) fn report_unused(&self, _modules: &[Module], _cx: &mut Ctx<'_, '_>) {}
}

impl ModuleTyping {
    pub(crate) fn apply(&self, _module: &mut Module, _cx: &mut Ctx<'_, '_>) {}
}

/// Parses a typing file.
pub(crate) fn parse(_file: &str, _text: &str) -> (Option<Typing>, crate::Diagnostics) {
    (Some(Typing::default()), crate::Diagnostics::default())
}
