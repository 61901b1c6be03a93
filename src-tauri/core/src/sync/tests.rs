use super::*;

fn rec(id: &str, key: &str, v: Option<i64>, ctx: &[&str]) -> Record {
    let mut ctx: Vec<String> = ctx.iter().map(|c| (*c).to_owned()).collect();
    ctx.sort();
    Record {
        id: id.into(),
        key: vec!["rating".into(), key.into()],
        del: v.is_none(),
        v: Some(Value::from(v.unwrap_or(-1))),
        ctx,
    }
}

fn id(ms: i64, device: &str) -> String {
    make_id(ms, 0, &format!("{device:0>16}"))
}

#[test]
fn a_line_round_trips_and_a_cut_or_changed_line_is_no_record() {
    let r = rec(&id(1, "a"), "tt1", Some(80), &[]);
    let line = encode(&r);
    assert!(line.ends_with('\n'));
    assert_eq!(decode(line.trim_end_matches('\n').as_bytes()), Some(r.clone()));
    let cut = &line.as_bytes()[..line.len() - 5];
    assert_eq!(decode(cut), None);
    let changed = line.replace("80", "90");
    assert_eq!(decode(changed.trim_end().as_bytes()), None);
    // Two whole lines and a third cut short: two records, settled after the second.
    let two = format!("{line}{line}");
    let three = format!("{two}{}", &line[..10]);
    let (records, settled) = read_records(three.as_bytes(), 0);
    assert_eq!(records.len(), 2);
    assert_eq!(settled, two.len());
    // A damaged line in the middle: the records after it are read, the offset stays before it.
    let damaged = format!("{line}garbage\t0000000000000000\n{line}");
    let (records, settled) = read_records(damaged.as_bytes(), 0);
    assert_eq!((records.len(), settled), (2, line.len()));
}

#[test]
fn an_id_carries_the_edit_time_and_sorts_after_everything_its_writer_had_seen() {
    let (a, b) = ("000000000000000a", "000000000000000b");
    let mut c = Clock::default();
    let first = c.stamp(100, &[], a);
    let second = c.stamp(100, &[], a);
    assert!(second > first, "one computer never makes an id twice");
    // An edit at 200 after seeing b's record of 500 (b's clock runs ahead) still sorts after it.
    let seen = vec![make_id(500, 7, b)];
    let after = c.stamp(200, &seen, a);
    assert!(after > seen[0], "{after}");
    assert_eq!(parse_id(&after).map(|p| p.0), Some(501));
    // An edit at 300 that saw nothing keeps its time: an older edit made apart loses to a later one.
    assert_eq!(parse_id(&c.stamp(300, &[], a)).map(|p| p.0), Some(300));
    assert_eq!(parse_id("12-3-x"), None);
}

#[test]
fn a_version_vector_covers_every_earlier_record_of_its_computers() {
    let ctx = vec![make_id(50, 3, "000000000000000a"), make_id(20, 1, "000000000000000b")];
    assert!(covers(&ctx, &make_id(40, 2, "000000000000000a")));
    assert!(covers(&ctx, &make_id(50, 3, "000000000000000a")));
    assert!(!covers(&ctx, &make_id(60, 4, "000000000000000a")));
    assert!(!covers(&ctx, &make_id(10, 1, "000000000000000c")));
    // A state's context keeps one id per computer however many records it has seen.
    let mut s = KeyState::default();
    let mut seen = Vec::new();
    for n in 0..50 {
        let id = make_id(100 + n, n as u32 + 1, "000000000000000a");
        s.add(Record {
            id: id.clone(),
            key: vec!["rating".into(), "tt1".into()],
            del: false,
            v: Some(Value::from(n)),
            ctx: seen.clone(),
        });
        seen = s.context();
    }
    assert_eq!(s.heads.len(), 1);
    assert_eq!(s.context().len(), 1);
}

#[test]
fn heads_merge_in_any_order_to_the_same_state() {
    let (a, b) = ("a", "b");
    let r1 = rec(&id(10, a), "tt1", Some(50), &[]);
    let r2 = rec(&id(20, b), "tt1", Some(60), &[&r1.id]);
    let r3 = rec(&id(15, a), "tt1", Some(70), &[&r1.id]);
    let r4 = rec(&id(30, a), "tt1", Some(80), &[&r1.id, &r2.id, &r3.id]);
    let all = [r1, r2, r3, r4];
    let mut states = Vec::new();
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
        let mut s = KeyState::default();
        for i in order {
            s.add(all[i].clone());
            // Twice: nothing changes.
            assert!(!s.add(all[i].clone()));
        }
        states.push(s);
    }
    assert!(states.iter().all(|s| s == &states[0]));
    assert_eq!(states[0].heads.len(), 1);
    assert_eq!(states[0].value(), Some(&Value::from(80)));
}

#[test]
fn the_later_edit_wins_and_a_deletion_apart_from_an_edit_keeps_the_edit_as_a_conflict() {
    let r1 = rec(&id(10, "a"), "tt1", Some(50), &[]);
    let later = rec(&id(30, "b"), "tt1", Some(90), &[&r1.id]);
    let earlier = rec(&id(20, "a"), "tt1", Some(10), &[&r1.id]);
    let mut s = KeyState::default();
    for r in [r1.clone(), later.clone(), earlier] {
        s.add(r);
    }
    assert_eq!(s.value(), Some(&Value::from(90)));
    assert!(s.conflict().is_none());

    let deleted = rec(&id(40, "a"), "tt1", None, &[&r1.id]);
    let edited = rec(&id(35, "b"), "tt1", Some(70), &[&r1.id]);
    let mut s = KeyState::default();
    for r in [r1.clone(), deleted.clone(), edited.clone()] {
        s.add(r);
    }
    assert_eq!(s.value(), Some(&Value::from(70)), "the edit is kept though the deletion is later");
    assert_eq!(s.conflict().map(|(k, d)| (k.id.clone(), d.id.clone())), Some((edited.id.clone(), deleted.id.clone())));
    // A deletion that saw the edit is no conflict.
    let settled = rec(&id(50, "b"), "tt1", None, &[&r1.id, &deleted.id, &edited.id]);
    s.add(settled);
    assert_eq!(s.value(), None);
    assert!(s.conflict().is_none());
    assert!(s.deletion().is_some());
}

#[test]
fn only_matinee_record_files_are_read() {
    assert_eq!(record_file_number("log-000001.jsonl"), Some((RecordFile::Log, 1)));
    assert_eq!(record_file_number("snapshot-000012.jsonl"), Some((RecordFile::Snapshot, 12)));
    for other in [
        "log-000001.sync-conflict-20261207-101010-ABCDEFG.jsonl",
        "log-000001 (conflicted copy 2026-12-07).jsonl",
        ".syncthing.log-000001.jsonl.tmp",
        "~syncthing~log-000001.jsonl.tmp",
        "log-1.jsonl",
        ".log-000001.jsonl.partial",
        "device.json",
    ] {
        assert_eq!(record_file_number(other), None, "{other}");
    }
    assert!(is_device_id("0123456789abcdef"));
    assert!(!is_device_id(".stversions"));
}
