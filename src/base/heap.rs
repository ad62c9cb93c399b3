//! The browser build's allocator: power-of-two size classes, each with a
//! free list. std's default (dlmalloc) is about 8 KB of the wasm; this is a
//! few hundred bytes, and O(1) for every call.
//!
//! The trade: a block is never split or merged, so up to half of a block
//! can be slack, and memory freed in one class is reused only by that
//! class. The engine's allocations repeat the same sizes on every action,
//! so the heap stops growing once every class has its blocks (tests/web.rs
//! checks this after thousands of actions).

/// Blocks are at least this big: room for the free list's next pointer.
const MIN_BLOCK: usize = 8;

/// The size class (0 for 8 bytes, 1 for 16, …) that serves a request, so
/// the block is big enough and, being carved at a multiple of its own size,
/// aligned enough.
pub(crate) fn class_of(size: usize, align: usize) -> usize {
    let need = size.max(align).max(MIN_BLOCK);
    (usize::BITS - (need - 1).leading_zeros()) as usize - MIN_BLOCK.trailing_zeros() as usize
}

/// Block size of a class.
pub(crate) fn block_size(class: usize) -> usize {
    MIN_BLOCK << class
}

#[cfg(target_arch = "wasm32")]
pub(crate) use wasm32::SizeClasses;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod wasm32 {
    use super::{block_size, class_of};
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32::memory_grow;
    use core::cell::UnsafeCell;
    use core::ptr::null_mut;

    const PAGE: usize = 65_536;
    const MAX_PAGES: usize = 65_536;
    /// 8 bytes to 1 GiB.
    const CLASSES: usize = 28;

    struct Heap {
        /// The first free block of each class; a free block's first word
        /// points to the next one.
        free: [*mut u8; CLASSES],
        /// Never-used memory: [next, end).
        next: usize,
        end: usize,
    }

    /// See the module documentation.
    pub struct SizeClasses(UnsafeCell<Heap>);

    // SAFETY: wasm32-unknown-unknown without the atomics feature has one
    // thread, so the heap is never touched by two at once.
    unsafe impl Sync for SizeClasses {}

    impl SizeClasses {
        pub const fn new() -> Self {
            SizeClasses(UnsafeCell::new(Heap {
                free: [null_mut(); CLASSES],
                next: 0,
                end: 0,
            }))
        }
    }

    impl Heap {
        /// A new block carved from fresh memory, growing the memory if needed.
        fn carve(&mut self, size: usize) -> *mut u8 {
            // Blocks up to a page are aligned to their size; bigger ones
            // start on a page.
            let align = size.min(PAGE);
            let aligned = |at: usize| (at + align - 1) & !(align - 1);
            let fits = aligned(self.next)
                .checked_add(size)
                .is_some_and(|stop| stop <= self.end);
            if self.next == 0 || !fits {
                let pages = size.div_ceil(PAGE);
                let old_pages = memory_grow(0, pages);
                // The last page is never used, so `end` fits in 32 bits.
                if old_pages == usize::MAX || old_pages + pages >= MAX_PAGES {
                    return null_mut();
                }
                let grown = old_pages * PAGE;
                // Grown memory follows our old end unless something else
                // grew it meanwhile; then the old remainder stays unused.
                // Either way the block now fits: pages are page-aligned.
                if grown != self.end || self.next == 0 {
                    self.next = grown;
                }
                self.end = grown + pages * PAGE;
            }
            let start = aligned(self.next);
            self.next = start + size;
            start as *mut u8
        }
    }

    unsafe impl GlobalAlloc for SizeClasses {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let class = class_of(layout.size(), layout.align());
            // Blocks are aligned to their size up to a page, no further.
            if class >= CLASSES || layout.align() > PAGE {
                return null_mut();
            }
            // SAFETY: single-threaded (see `Sync`), and no reference to the
            // heap outlives this call.
            let heap = unsafe { &mut *self.0.get() };
            let head = heap.free[class];
            if head.is_null() {
                return heap.carve(block_size(class));
            }
            // SAFETY: a free block's first word holds the next free block.
            heap.free[class] = unsafe { *(head as *mut *mut u8) };
            head
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let class = class_of(layout.size(), layout.align());
            // SAFETY: as in `alloc`; `ptr` came from `alloc` with this
            // layout, so it is a whole block of this class, ours again.
            unsafe {
                let heap = &mut *self.0.get();
                *(ptr as *mut *mut u8) = heap.free[class];
                heap.free[class] = ptr;
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // A block that already fits stays where it is.
            if class_of(new_size, layout.align()) == class_of(layout.size(), layout.align()) {
                return ptr;
            }
            // SAFETY: the caller's contract for `realloc`, passed on.
            unsafe {
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_holds_its_request_and_is_aligned_enough() {
        for size in 0..5000 {
            for align in [1, 2, 4, 8, 16, 64, 4096] {
                let class = class_of(size, align);
                let block = block_size(class);
                assert!(block >= size && block >= align && block >= MIN_BLOCK);
                // The smallest such block: half of it would not do.
                assert!(class == 0 || block / 2 < size.max(align));
            }
        }
        assert_eq!(class_of(1, 1), 0);
        assert_eq!(class_of(8, 8), 0);
        assert_eq!(class_of(9, 1), 1);
        assert_eq!(class_of(1 << 30, 1), 27);
    }
}
