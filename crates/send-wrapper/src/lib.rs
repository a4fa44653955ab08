//! [`SendWrapper`]: a value that may be moved between threads but only used, and dropped, on the
//! thread that created it — the API of the `send_wrapper` crate 0.6, which Leptos uses for DOM
//! nodes, closures and futures, written again for yuedu.
//!
//! The difference is the single-threaded wasm the app ships (`wasm32` without the `atomics`
//! feature, so no shared memory: there is only ever one thread). There every value is on the
//! thread that created it, so nothing is recorded or checked. The original asks
//! `std::thread::current()` on every access, and on that target the standard library allocates
//! the thread's handle with its own system allocator, which links dlmalloc into the wasm beside
//! the app's allocator: ~2 KB brotli for every reader (BENCHMARKS.md). Elsewhere (native
//! builds and tests) the thread is recorded and checked as the original does: using or
//! dropping the value on another thread panics.

use std::fmt;
use std::mem::{self, ManuallyDrop};
use std::ops::{Deref, DerefMut};

/// The thread a value was created on.
#[cfg(not(all(target_family = "wasm", not(target_feature = "atomics"))))]
mod origin {
    pub type Origin = std::thread::ThreadId;

    pub fn here() -> Origin {
        std::thread::current().id()
    }
}

/// One thread only: every value is where it was created.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
mod origin {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Origin;

    pub fn here() -> Origin {
        Origin
    }
}

/// Wraps a value that is not `Send`/`Sync` so that it can be held by types that must be; the
/// value itself is only reachable on the thread that created it.
pub struct SendWrapper<T> {
    data: ManuallyDrop<T>,
    origin: origin::Origin,
}

// SAFETY: the value is only handed out (`Deref`, `DerefMut`, `take`, `poll`) and only dropped on
// the thread that created it; every other thread gets a panic (or, while unwinding, a leak).
unsafe impl<T> Send for SendWrapper<T> {}
// SAFETY: as above: a shared reference to the wrapper gives no access off the creating thread.
unsafe impl<T> Sync for SendWrapper<T> {}

impl<T> SendWrapper<T> {
    /// Wraps `data`, recording the current thread.
    pub fn new(data: T) -> SendWrapper<T> {
        SendWrapper { data: ManuallyDrop::new(data), origin: origin::here() }
    }

    /// Whether the value may be used on the current thread (the one that created it).
    pub fn valid(&self) -> bool {
        self.origin == origin::here()
    }

    /// The value, out of the wrapper.
    ///
    /// # Panics
    /// On a thread other than the one that created the wrapper.
    #[track_caller]
    pub fn take(self) -> T {
        self.check("take");
        let mut this = ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again, so the value is moved out once.
        unsafe { ManuallyDrop::take(&mut this.data) }
    }

    #[track_caller]
    fn check(&self, what: &str) {
        if !self.valid() {
            panic!("SendWrapper: {what} on a thread other than the one that created the value");
        }
    }
}

impl<T> Deref for SendWrapper<T> {
    type Target = T;

    /// # Panics
    /// On a thread other than the one that created the wrapper.
    #[track_caller]
    fn deref(&self) -> &T {
        self.check("deref");
        &self.data
    }
}

impl<T> DerefMut for SendWrapper<T> {
    /// # Panics
    /// On a thread other than the one that created the wrapper.
    #[track_caller]
    fn deref_mut(&mut self) -> &mut T {
        self.check("deref_mut");
        &mut self.data
    }
}

impl<T> Drop for SendWrapper<T> {
    /// Drops the value on its own thread. On another thread a value that needs dropping is a
    /// bug: it panics, or is leaked if that thread is already unwinding (a second panic would
    /// abort).
    fn drop(&mut self) {
        if !mem::needs_drop::<T>() || self.valid() {
            // SAFETY: dropped once, here; the wrapper is gone after this.
            unsafe { ManuallyDrop::drop(&mut self.data) };
        } else if !std::thread::panicking() {
            panic!("SendWrapper: dropped on a thread other than the one that created the value");
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for SendWrapper<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("SendWrapper");
        if self.valid() {
            s.field("data", &*self.data);
        }
        s.field("origin", &self.origin).finish()
    }
}

impl<T: Clone> Clone for SendWrapper<T> {
    /// # Panics
    /// On a thread other than the one that created the wrapper.
    #[track_caller]
    fn clone(&self) -> Self {
        SendWrapper::new(self.deref().clone())
    }
}

#[cfg(feature = "futures")]
mod futures {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use super::SendWrapper;

    impl<F: Future> Future for SendWrapper<F> {
        type Output = F::Output;

        /// # Panics
        /// On a thread other than the one that created the wrapper.
        #[track_caller]
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            self.check("poll");
            // SAFETY: a pinned wrapper never moves its value (it is only moved out by `take`,
            // which needs the wrapper by value, so never once pinned).
            unsafe { self.map_unchecked_mut(|w| &mut *w.data) }.poll(cx)
        }
    }

    impl<S: futures_core::Stream> futures_core::Stream for SendWrapper<S> {
        type Item = S::Item;

        /// # Panics
        /// On a thread other than the one that created the wrapper.
        #[track_caller]
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
            self.check("poll_next");
            // SAFETY: as for `Future::poll`.
            unsafe { self.map_unchecked_mut(|w| &mut *w.data) }.poll_next(cx)
        }

        fn size_hint(&self) -> (usize, Option<usize>) {
            if self.valid() {
                self.data.size_hint()
            } else {
                (0, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SendWrapper;
    use std::rc::Rc;
    use std::thread;

    #[test]
    fn the_creating_thread_uses_takes_and_clones_the_value() {
        let mut w = SendWrapper::new(Rc::new(vec![1, 2]));
        assert!(w.valid());
        assert_eq!(**w, [1, 2]);
        Rc::make_mut(&mut *w).push(3);
        let c = w.clone();
        assert_eq!(Rc::strong_count(&c), 2, "a clone wraps a clone of the value");
        assert_eq!(*w.take(), [1, 2, 3]);
        assert_eq!(Rc::strong_count(&c), 1, "take moves the value out, without dropping it");
        assert!(format!("{c:?}").contains("data: [1, 2, 3]"));
    }

    #[test]
    fn another_thread_may_hold_but_not_use_the_value() {
        let w = SendWrapper::new(Rc::new(7));
        let w = thread::spawn(move || {
            assert!(!w.valid());
            assert!(!format!("{w:?}").contains("data"), "no look at the value off its thread");
            let used = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| **w));
            assert!(used.is_err(), "deref on another thread panics");
            w
        })
        .join()
        .expect("the wrapper comes back");
        assert_eq!(**w, 7, "and is usable again at home");
    }

    #[test]
    fn dropping_on_another_thread_panics_unless_nothing_needs_dropping() {
        let w = SendWrapper::new(Rc::new(1));
        assert!(thread::spawn(move || drop(w)).join().is_err());
        let plain = SendWrapper::new(5u32);
        assert!(thread::spawn(move || drop(plain)).join().is_ok(), "a value without drop glue may go anywhere");
    }

    #[cfg(feature = "futures")]
    #[test]
    fn a_wrapped_future_is_polled_on_its_thread_only() {
        use std::future::Future;
        use std::pin::pin;
        use std::task::{Context, Poll, Waker};

        let mut cx = Context::from_waker(Waker::noop());
        let mut fut = pin!(SendWrapper::new(async { Rc::new(3) }));
        assert!(matches!(fut.as_mut().poll(&mut cx), Poll::Ready(r) if *r == 3));
        // `Ready<u32>` has no drop glue, so the wrapper may end on that thread.
        let w = SendWrapper::new(std::future::ready(1u32));
        let polled = thread::spawn(move || {
            let mut cx = Context::from_waker(Waker::noop());
            let mut w = pin!(w);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| w.as_mut().poll(&mut cx).is_ready())).is_err()
        });
        assert!(polled.join().expect("the thread reports"), "polling on another thread panics");
    }
}
