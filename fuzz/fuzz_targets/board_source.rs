//! The board's source reader (`board::Lazy`), fed the input in pieces as a download would be:
//! never panics, items appear only ever more, and the streamed list reads exactly like the same
//! bytes read whole (same length, source, every ticket, or the same error). The first byte picks
//! the piece size, so cuts fall inside strings, escapes and multi-byte characters.
#![no_main]

use ownframe::board::Lazy;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&step, bytes)) = data.split_first() else { return };
    let step = usize::from(step % 64) + 1;
    let mut streamed = Lazy::streaming();
    let mut seen = 0;
    for piece in bytes.chunks(step) {
        streamed.push(piece);
        assert!(streamed.len() >= seen, "items only ever appear while streaming");
        seen = streamed.len();
        for i in 0..streamed.len() {
            let _ = streamed.ticket(i).expect("every counted item reads");
        }
    }
    let finished = streamed.finish();
    let whole = Lazy::from_bytes(bytes.to_vec());
    match (finished, whole) {
        (Ok(()), Ok(whole)) => {
            assert_eq!((streamed.len(), streamed.source()), (whole.len(), whole.source()));
            for i in 0..whole.len() {
                assert_eq!(streamed.ticket(i), whole.ticket(i), "ticket {i}");
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("streamed {:?} but whole {:?}", a.map(|_| ()), b.map(|_| ())),
    }
});
