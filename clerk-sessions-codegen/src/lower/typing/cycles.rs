//! Named types that contain themselves. A struct field whose type leads back
//! to the struct through other named types held by value (fields, optional
//! fields, the variants of a tagged union; not arrays or maps, which hold
//! their elements on the heap) would make a type of infinite size, so such a
//! field becomes a `Box`.
//!
//! A field is boxed when its type is in the same strongly connected
//! component of the "holds by value" graph as the struct that has it: every
//! such cycle then holds a box, since tagged unions only ever hold structs.
//! The components are found with Tarjan's algorithm, without recursion (a
//! typing file may chain many types).

use std::collections::BTreeMap;

use crate::model::{NamedKind, Param, TypeDef, TypeDefKind, TypeRef};
use crate::names::RustIdent;

/// Boxes every field of `types` on a cycle of types held by value.
pub(crate) fn box_recursive_fields(types: &mut [TypeDef]) {
    let index: BTreeMap<RustIdent, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.ident.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            held(t)
                .filter_map(|ident| index.get(ident).copied())
                .collect()
        })
        .collect();
    let component = components(&edges);
    for (i, t) in types.iter_mut().enumerate() {
        for field in fields_mut(t) {
            let on_cycle = held_by_value(&field.ty)
                .and_then(|ident| index.get(ident))
                .is_some_and(|to| component[*to] == component[i]);
            if on_cycle {
                let inner = std::mem::replace(&mut field.ty, TypeRef::Json);
                field.ty = TypeRef::Boxed(Box::new(inner));
            }
        }
    }
}

/// The named object a field of this type holds by value, if any.
fn held_by_value(ty: &TypeRef) -> Option<&RustIdent> {
    match ty {
        TypeRef::Named(ident, NamedKind::Object) => Some(ident),
        _ => None,
    }
}

/// The types `t` holds by value.
fn held(t: &TypeDef) -> Box<dyn Iterator<Item = &RustIdent> + '_> {
    match &t.kind {
        TypeDefKind::Struct { fields } => {
            Box::new(fields.iter().filter_map(|f| held_by_value(&f.ty)))
        }
        TypeDefKind::ObjectOrArray { before, after, .. } => Box::new(
            before
                .iter()
                .chain(after)
                .filter_map(|f| held_by_value(&f.ty)),
        ),
        TypeDefKind::Tagged { variants, .. } => Box::new(variants.iter().map(|(_, _, p)| p)),
        TypeDefKind::Untagged { variants } => {
            Box::new(variants.iter().filter_map(|(_, ty)| held_by_value(ty)))
        }
        TypeDefKind::Id | TypeDefKind::Enum { .. } => Box::new(std::iter::empty()),
    }
}

/// The fields of a struct that may hold other types by value.
fn fields_mut(t: &mut TypeDef) -> Box<dyn Iterator<Item = &mut Param> + '_> {
    match &mut t.kind {
        TypeDefKind::Struct { fields } => Box::new(fields.iter_mut()),
        TypeDefKind::ObjectOrArray { before, after, .. } => {
            Box::new(before.iter_mut().chain(after.iter_mut()))
        }
        _ => Box::new(std::iter::empty()),
    }
}

/// The strongly connected component of every node of the graph `edges`
/// (Tarjan's algorithm, with an explicit stack).
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut next_order, mut next_component) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of its next edge to follow)
        let mut work = vec![(root, 0)];
        while let Some(&(node, edge)) = work.last() {
            if edge == 0 && order[node] == UNSEEN {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(edge) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if order[to] == UNSEEN {
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn components_of_cycles_and_chains() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0, 5 alone.
        let c = components(&[vec![1], vec![2], vec![0], vec![3], vec![0], vec![]]);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[5] != c[0] && c[4] != c[5]);
        // A long chain needs no deep recursion.
        let chain: Vec<Vec<usize>> = (0..200_000).map(|i| vec![(i + 1) % 200_000]).collect();
        let c = components(&chain);
        assert!(c.iter().all(|x| *x == c[0]));
    }
}
