//! Streams of items across pages, by `limit`/`offset`, bounded against
//! servers whose pages never end.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::error::Error;

/// The most pages one stream fetches, whatever the server says: 10,000 pages
/// (5 million items at Clerk's largest page of 500).
pub const MAX_PAGES: u64 = 10_000;

/// What a stream knows about the pages so far.
struct Pages<T> {
    operation: &'static str,
    offset: u32,
    /// The limit sent with every page, if known: a shorter page is the last.
    page_size: Option<u32>,
    fetched: u64,
    /// The most pages the first page's total allows (with slack for items added
    /// while paging), capped at [`MAX_PAGES`].
    budget: u64,
    /// The first and last items of the previous page: a page that starts and
    /// ends with the same items is the same page again.
    previous: Option<(T, T)>,
}

/// What follows a page.
#[derive(Debug)]
enum Next {
    /// Another page.
    More,
    /// Nothing: the stream is complete.
    Done,
    /// This page's items, then this error: the server's pages cannot be trusted
    /// to end.
    Stop(Error),
}

impl<T: PartialEq + Clone> Pages<T> {
    /// Takes in one page and its total; says what follows its items, or (for a
    /// page that repeats the previous one, whose items are not yielded) why the
    /// stream stops at once.
    fn advance(&mut self, items: &[T], total: i64) -> Result<Next, Error> {
        self.fetched += 1;
        if self.fetched == 1 {
            self.budget = budget(total, items.len(), self.page_size);
        }
        if items.is_empty() {
            return Ok(Next::Done);
        }
        let ends = items.first().zip(items.last());
        if ends.is_some() && self.previous.as_ref().map(|(a, b)| (a, b)) == ends {
            return Err(self.stop(
                "the server answered the same page twice (is it ignoring `offset`?)".to_owned(),
            ));
        }
        let seen = u32::try_from(items.len()).ok();
        let Some(offset) = seen.and_then(|seen| self.offset.checked_add(seen)) else {
            return Ok(Next::Stop(
                self.stop("the next offset does not fit in a `u32`".to_owned()),
            ));
        };
        self.offset = offset;
        let short = self
            .page_size
            .is_some_and(|size| items.len() < usize::try_from(size).unwrap_or(usize::MAX));
        // A total equal to the page's length may be a bare JSON array's (no total
        // at all): only a full page whose total says more than the page shows ends
        // the stream at the total.
        let at_total = i64::from(self.offset) >= total
            && (self.page_size.is_none() || total > i64::try_from(items.len()).unwrap_or(i64::MAX));
        if short || at_total {
            return Ok(Next::Done);
        }
        if self.fetched >= self.budget {
            return Ok(Next::Stop(self.stop(format!(
                "the server keeps answering full pages past what its total ({total}) allows"
            ))));
        }
        self.previous = ends.map(|(first, last)| (first.clone(), last.clone()));
        Ok(Next::More)
    }

    fn stop(&self, reason: String) -> Error {
        Error::Pagination {
            operation: self.operation,
            pages: self.fetched,
            reason,
        }
    }
}

/// Pages the first total allows: enough for the total, plus a tenth and two
/// more for items added while paging, at most [`MAX_PAGES`].
fn budget(total: i64, first_page: usize, page_size: Option<u32>) -> u64 {
    let size = page_size
        .map(u64::from)
        .or_else(|| u64::try_from(first_page).ok())
        .unwrap_or(1)
        .max(1);
    let needed = u64::try_from(total).unwrap_or(0).div_ceil(size);
    needed
        .saturating_add(needed / 10)
        .saturating_add(2)
        .min(MAX_PAGES)
}

/// Fetches pages with `fetch(builder, offset)`, from offset `start`, sending
/// `page_size` as the limit when known, and yields the items one by one.
///
/// The stream ends after an empty page, a page shorter than `page_size`, or the
/// page that reaches the total. It ends with [`Error::Pagination`] when the
/// server repeats a page (whose items are not yielded again), or after the
/// items of a page when the server has answered more full pages than its first
/// total allows (at most [`MAX_PAGES`]) or the next offset would pass
/// `u32::MAX`. Any other error is yielded and ends the stream.
pub fn paginate<'a, B, T, F, Fut>(
    operation: &'static str,
    builder: B,
    start: u32,
    page_size: Option<u32>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    B: Clone + 'a,
    T: PartialEq + Clone + 'a,
    F: Fn(B, u32) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, i64), Error>> + 'a,
{
    struct State<B, T, F> {
        builder: B,
        fetch: F,
        pages: Pages<T>,
        buffer: VecDeque<T>,
        /// `Some` once no page follows: `Some(None)` ends the stream after the
        /// buffer, `Some(Some(error))` yields the error after it.
        end: Option<Option<Error>>,
    }
    let state = State {
        builder,
        fetch,
        pages: Pages {
            operation,
            offset: start,
            page_size,
            fetched: 0,
            budget: MAX_PAGES,
            previous: None,
        },
        buffer: VecDeque::new(),
        end: None,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffer.pop_front() {
                return Some((Ok(item), state));
            }
            match state.end.take() {
                Some(Some(error)) => {
                    state.end = Some(None);
                    return Some((Err(error), state));
                }
                Some(None) => return None,
                None => {}
            }
            let fetched = (state.fetch)(state.builder.clone(), state.pages.offset).await;
            let advanced = fetched.and_then(|(items, total)| {
                let next = state.pages.advance(&items, total)?;
                Ok((items, next))
            });
            match advanced {
                Ok((items, next)) => {
                    state.end = match next {
                        Next::More => None,
                        Next::Done => Some(None),
                        Next::Stop(error) => Some(Some(error)),
                    };
                    state.buffer.extend(items);
                }
                Err(err) => {
                    state.end = Some(None);
                    return Some((Err(err), state));
                }
            }
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a test fails loudly on a broken fixture
mod tests {
    use super::*;

    fn pages(page_size: Option<u32>) -> Pages<u32> {
        Pages {
            operation: "List",
            offset: 0,
            page_size,
            fetched: 0,
            budget: MAX_PAGES,
            previous: None,
        }
    }

    #[test]
    fn a_total_that_is_the_pages_length_may_be_a_bare_array() {
        let mut p = pages(Some(2));
        // A bare array of a full page: its "total" is its length, so go on.
        assert!(matches!(p.advance(&[1, 2], 2), Ok(Next::More)));
        assert!(matches!(p.advance(&[3], 1), Ok(Next::Done)));
        // An envelope whose total is reached by a full page: stop there.
        let mut p = pages(Some(2));
        assert!(matches!(p.advance(&[1, 2], 4), Ok(Next::More)));
        assert!(matches!(p.advance(&[3, 4], 4), Ok(Next::Done)));
    }

    #[test]
    fn budgets_follow_the_first_total_and_are_capped() {
        assert_eq!(budget(1000, 500, Some(500)), 4);
        assert_eq!(budget(0, 0, Some(500)), 2);
        assert_eq!(budget(i64::MAX, 500, Some(500)), MAX_PAGES);
        assert_eq!(budget(-5, 10, None), 2);
    }

    #[test]
    fn a_repeated_page_stops_the_stream() {
        let mut p = pages(Some(2));
        assert!(matches!(p.advance(&[1, 2], 100), Ok(Next::More)));
        let err = p.advance(&[1, 2], 100).unwrap_err();
        assert!(err.to_string().contains("same page twice"), "{err}");
    }

    #[test]
    fn offsets_never_wrap() {
        let mut p = pages(None);
        p.offset = u32::MAX - 1;
        let Ok(Next::Stop(err)) = p.advance(&[1, 2], i64::MAX) else {
            panic!("the offset wrapped or saturated")
        };
        assert!(err.to_string().contains("u32"), "{err}");
    }
}
