//! A second thread for independent work: the typing file is read while the
//! spec is lowered, and the units of the file are emitted and formatted two
//! at a time. Results never depend on which thread did what. On a machine
//! with one processor, or when no thread can be started (a platform without
//! threads, or none left), everything runs on the calling thread.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::Scope;

/// Whether a second thread can run at the same time as this one.
fn second_processor() -> bool {
    static MANY: OnceLock<bool> = OnceLock::new();
    *MANY.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
}

/// Runs `work` on a scoped thread when there is a processor for it.
fn spawn<'scope, R: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> R + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, R>> {
    if !second_processor() {
        return None;
    }
    std::thread::Builder::new().spawn_scoped(scope, work).ok()
}

/// Runs `a` and `b` at the same time and returns both results: `b` on this
/// thread, `a` on a second one, or here after `b` when the second thread
/// has not started it by then. A panic in `a` resumes here, as if `a` had
/// run on this thread.
pub(crate) fn join<RA: Send, RB>(a: impl Fn() -> RA + Sync, b: impl FnOnce() -> RB) -> (RA, RB) {
    let claimed = AtomicBool::new(false);
    let claim = || !claimed.swap(true, Ordering::AcqRel);
    std::thread::scope(|scope| {
        let spawned = spawn(scope, || claim().then(&a));
        let rb = b();
        if claim() {
            return (a(), rb);
        }
        let ra = match spawned.map(|handle| handle.join()) {
            Some(Ok(Some(ra))) => ra,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            // Only the second thread can have claimed `a`, and it returns its result.
            Some(Ok(None)) | None => a(),
        };
        (ra, rb)
    })
}

/// `f` applied to every item, on this thread and a second one; the results
/// come back in the items' order. Each thread first makes its own `state`
/// (for values that cannot cross threads). Items are taken from the end, so
/// that a large last item (the blocking flavour) is started first.
pub(crate) fn map<T: Sync, S, R: Send>(
    items: &[T],
    state: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let left = AtomicUsize::new(items.len());
    let work = || {
        let mut state = state();
        let mut done = Vec::new();
        while let Ok(taken) =
            left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
        {
            let index = taken - 1;
            if let Some(item) = items.get(index) {
                done.push((index, f(&mut state, item)));
            }
        }
        done
    };
    let (theirs, mine) = std::thread::scope(|scope| {
        let spawned = spawn(scope, work);
        let mine = work();
        let theirs = match spawned.map(|handle| handle.join()) {
            Some(Ok(theirs)) => theirs,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Vec::new(),
        };
        (theirs, mine)
    });
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    for (index, result) in mine.into_iter().chain(theirs) {
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(result);
        }
    }
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::{join, map};

    #[test]
    fn map_keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..100).collect();
        let doubled = map(&items, || 2, |k, n| n * *k);
        assert_eq!(doubled, (0..100).map(|n| n * 2).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], || (), |(), n| *n).is_empty());
    }

    #[test]
    fn join_returns_both_results() {
        assert_eq!(join(|| 1, || "b"), (1, "b"));
    }
}
