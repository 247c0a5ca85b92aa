//! People as IT sees them: found by id, e-mail or name; leavers who still
//! hold devices; unknown people are an error, not "0 held".

use assetlog::{AssetLog, At, Person, PersonStatus};

use crate::support::{assigned, ordered, received, t};

fn log_with_two_people() -> AssetLog {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "1000.00 EUR", "2024-01-01"),
        ordered("B", "500.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        received("B", "2024-01-02"),
        assigned("A", "emp-1", "2024-01-03"),
        assigned("B", "emp-1", "2024-01-03"),
    ])
    .unwrap();
    log.upsert_person(&Person {
        id: "emp-1".parse().unwrap(),
        name: Some("Chidi Okafor".into()),
        email: Some("chidi@example.com".into()),
        address: None,
    })
    .unwrap();
    log.upsert_person(&Person::new("emp-2".parse().unwrap()))
        .unwrap();
    log
}

#[test]
fn a_person_is_found_by_id_email_or_name_with_what_they_hold() {
    let log = log_with_two_people();
    for who in ["emp-1", "CHIDI@example.com", "chidi okafor"] {
        let p = log.person_view(who, At::now()).unwrap();
        assert_eq!(p.id.as_str(), "emp-1", "{who}");
        assert_eq!(p.name.as_deref(), Some("Chidi Okafor"));
        assert_eq!(p.status, PersonStatus::Active);
        assert_eq!(p.holding.len(), 2);
        assert_eq!(p.departments, vec!["Engineering".to_owned()]);
        assert_eq!(p.value_held[0].purchase.to_string(), "1500.00 EUR");
    }
    // a record without holdings is known; nobody at all is an error
    assert!(log
        .person_view("emp-2", At::now())
        .unwrap()
        .holding
        .is_empty());
    for who in ["emp-99999", "Nobody Here"] {
        let e = log.person_view(who, At::now()).unwrap_err();
        assert_eq!(e.code(), "UNKNOWN_PERSON", "{who}: {e}");
    }
}

#[test]
fn leavers_who_still_hold_devices_are_a_query_and_survive_erasure() {
    let log = log_with_two_people();
    let left = t("2024-02-01T10:00:00Z");
    let o = log
        .offboard(
            &"emp-1".parse().unwrap(),
            "2024-02-15".parse().unwrap(),
            Some(left),
            "it",
        )
        .unwrap();
    assert_eq!(o.requested.len(), 2);
    // before the day they left: active, no leavers
    let before = At::end_of("2024-01-31".parse().unwrap());
    assert!(log.leavers(before).unwrap().is_empty());
    assert_eq!(
        log.person_view("emp-1", before).unwrap().status,
        PersonStatus::Active
    );
    let leavers = log.leavers(At::now()).unwrap();
    assert_eq!(leavers.len(), 1);
    assert_eq!(leavers[0].status, PersonStatus::Left);
    assert_eq!(leavers[0].left_on, Some("2024-02-01".parse().unwrap()));
    assert_eq!(leavers[0].holding.len(), 2, "return pending: still held");
    // erasing the personal data keeps the fact that they left
    log.forget_person(&"emp-1".parse().unwrap()).unwrap();
    let after = log.person_view("emp-1", At::now()).unwrap();
    assert_eq!((after.name, after.status), (None, PersonStatus::Left));
}
