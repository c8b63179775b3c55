//! Tests of the attribution rule on sentences of the kind it was tuned on.

use super::*;

/// A claim's text, its stance, and its speaker's text and label.
type Attribution = (String, String, Option<(String, String)>);

/// Every claim found in `text`.
fn attributions(text: &str) -> Vec<Attribution> {
    let rule = AttributionRule::new();
    let mut c = Collector::new(text);
    rule.run(&mut c);
    let out = c.finish();
    out.iter()
        .filter(|s| s.kind == Kind::Claim)
        .map(|s| {
            let speaker = s.links.iter().find(|l| l.kind == "attributed_to").map(|l| {
                (
                    out[l.to].text(text).unwrap().to_string(),
                    out[l.to].label.to_string(),
                )
            });
            (
                s.spans
                    .iter()
                    .map(|sp| &text[sp.start..sp.end])
                    .collect::<Vec<_>>()
                    .join(" | "),
                s.attrs["stance"].to_string(),
                speaker,
            )
        })
        .collect()
}

fn claim(text: &str, stance: &str, speaker: Option<(&str, &str)>) -> Attribution {
    (
        text.into(),
        stance.into(),
        speaker.map(|(a, b)| (a.into(), b.into())),
    )
}

#[test]
fn told_that_with_two_clauses() {
    let text = "At a briefing on March 3, Deputy Interior Minister Bakhtiyor Nazarov told \
                reporters that the detainees included two Pakistani citizens, and that the \
                group had been carrying rifles (Markaz-Press, March 3).";
    assert_eq!(
        attributions(text),
        [
            claim(
                "the detainees included two Pakistani citizens",
                "asserted",
                Some(("Bakhtiyor Nazarov", "person"))
            ),
            claim(
                "the group had been carrying rifles",
                "asserted",
                Some(("Bakhtiyor Nazarov", "person"))
            ),
        ]
    );
}

#[test]
fn stances_from_the_cues() {
    let text = "The spokesman of the Foreign Ministry of Kyrgyzstan, Nurbek Asanaliev, denied \
                that any of the passports had been issued by Kyrgyz authorities, and said \
                that the numbers did not match. But the Foreign Ministry of Kazakhstan \
                neither denied nor confirmed this report. The Embassy of Pakistan in \
                Tashkent refused to comment on the nationality of the detainees, saying \
                that it had no access. Timur Saidov, a security analyst at a centre in \
                Almaty, suggested that the truth lies between the versions.";
    assert_eq!(
        attributions(text),
        [
            claim(
                "any of the passports had been issued by Kyrgyz authorities",
                "denied",
                Some(("Nurbek Asanaliev", "person"))
            ),
            claim(
                "the numbers did not match",
                "asserted",
                Some(("Nurbek Asanaliev", "person"))
            ),
            claim(
                "this report",
                "ncnd",
                Some(("Foreign Ministry of Kazakhstan", "organisation"))
            ),
            claim(
                "the nationality of the detainees",
                "refused",
                Some(("Embassy of Pakistan in Tashkent", "organisation"))
            ),
            claim(
                "it had no access",
                "asserted",
                Some(("Embassy of Pakistan in Tashkent", "organisation"))
            ),
            claim(
                "the truth lies between the versions",
                "hedged",
                Some(("Timur Saidov", "person"))
            ),
        ]
    );
}

#[test]
fn unnamed_and_anonymous_speakers() {
    let text = "Pakistani sources reported that four extremists carried Kazakh passports. \
                A border guard official who asked not to be named told Vestnik Alaya that \
                the group had been moving narcotics. The same official said that six men \
                had been killed.";
    assert_eq!(
        attributions(text),
        [
            claim(
                "four extremists carried Kazakh passports",
                "asserted",
                Some(("Pakistani sources", "anonymous"))
            ),
            claim(
                "the group had been moving narcotics",
                "asserted",
                Some((
                    "A border guard official who asked not to be named",
                    "anonymous"
                ))
            ),
            claim(
                "six men had been killed",
                "asserted",
                Some(("The same official", "anonymous"))
            ),
        ]
    );
}

#[test]
fn hedges_asked_whether_and_passives() {
    let text = "The commander, Col. Daler Sharipov, said it was possible that the men had \
                spent days in Kuruk-Sai, but that it was too early to say. Asked whether the \
                detainees would be handed over, a spokeswoman, Malika Tursunova, declined to \
                comment. It was reported that the men fled.";
    assert_eq!(
        attributions(text),
        [
            claim(
                "the men had spent days in Kuruk-Sai",
                "hedged",
                Some(("Daler Sharipov", "person"))
            ),
            claim(
                "it was too early to say",
                "asserted",
                Some(("Daler Sharipov", "person"))
            ),
            claim(
                "whether the detainees would be handed over",
                "refused",
                Some(("Malika Tursunova", "person"))
            ),
        ]
    );
}

#[test]
fn according_to_before_after_and_around() {
    let text = "According to the Interior Ministry, 19 militants were killed. Four of them \
                were Kazakh, according to Pakistani officials. The men, according to a \
                statement, carried passports.";
    assert_eq!(
        attributions(text),
        [
            claim(
                "19 militants were killed",
                "asserted",
                Some(("Interior Ministry", "organisation"))
            ),
            claim(
                "Four of them were Kazakh",
                "asserted",
                Some(("Pakistani officials", "anonymous"))
            ),
            claim(
                "The men | carried passports",
                "asserted",
                Some(("statement", "document"))
            ),
        ]
    );
}

#[test]
fn russian_said_verbs() {
    let text = "Президент Назарбаев заявил, что граница закрыта.";
    assert_eq!(
        attributions(text),
        [claim(
            "граница закрыта",
            "asserted",
            Some(("Назарбаев", "person"))
        )]
    );
}
