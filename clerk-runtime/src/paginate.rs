//! Streams of items across pages, by `limit`/`offset`.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::error::Error;

/// Fetches pages with `fetch(builder, offset)`, from offset `start` until the
/// offset reaches `total` or a page comes back empty, and yields the items one by one.
pub fn paginate<'a, B, T, F, Fut>(
    builder: B,
    start: u32,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    B: Clone + 'a,
    T: 'a,
    F: Fn(B, u32) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, i64), Error>> + 'a,
{
    struct State<B, T, F> {
        builder: B,
        fetch: F,
        offset: u32,
        buffer: VecDeque<T>,
        done: bool,
    }
    let state = State {
        builder,
        fetch,
        offset: start,
        buffer: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffer.pop_front() {
                return Some((Ok(item), state));
            }
            if state.done {
                return None;
            }
            match (state.fetch)(state.builder.clone(), state.offset).await {
                Ok((items, total)) => {
                    let seen = u32::try_from(items.len()).unwrap_or(u32::MAX);
                    state.offset = state.offset.saturating_add(seen);
                    state.done = items.is_empty() || i64::from(state.offset) >= total;
                    state.buffer.extend(items);
                }
                Err(err) => {
                    state.done = true;
                    return Some((Err(err), state));
                }
            }
        }
    })
}
