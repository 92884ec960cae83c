//! Boilerplate zones: synthetic pages with every kind of page chrome, then the five gold
//! articles (../shared/fixtures, beside the repository), whose zones must be reproduced exactly.

mod engine_support;

use engine_support::fixtures;

use raqim_engine::rules::zones::find_zones;
use raqim_engine::text::slice_chars;

/// The zones of `text` as (first line, last line) pairs, with their rule ids.
fn zone_lines(text: &str) -> Vec<(usize, usize, String)> {
    let line_of = |cp: usize| slice_chars(text, 0, cp).matches('\n').count();
    find_zones(text)
        .into_iter()
        .map(|z| {
            assert!(
                z.start == 0 || slice_chars(text, z.start - 1, z.start) == "\n",
                "{z:?} starts mid-line"
            );
            let after = slice_chars(text, z.end, z.end + 1);
            assert!(after.is_empty() || after == "\n", "{z:?} ends mid-line");
            (line_of(z.start), line_of(z.end), z.source.to_string())
        })
        .collect()
}

fn lines(text: &str) -> Vec<(usize, usize)> {
    zone_lines(text)
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect()
}

const PARAGRAPH_1: &str = "أعلنت وزارة الدفاع العراقية اليوم الأحد أن قواتها أحبطت هجوماً على موقع عسكري في محافظة ديالى شرقي البلاد.";
const PARAGRAPH_2: &str = "وقال المتحدث باسم الوزارة في بيان إن القوات اعتقلت ثلاثة مسلحين وصادرت كميات من الأسلحة والذخائر.";
const PARAGRAPH_3: &str = "وأضاف البيان أن العمليات ستتواصل في المناطق المحاذية للحدود حتى تطهيرها بالكامل من الخلايا النائمة.";
/// The three paragraphs, each followed by a blank line: an article that has begun.
const ARTICLE: &[&str] = &[PARAGRAPH_1, "", PARAGRAPH_2, "", PARAGRAPH_3, ""];

#[test]
fn a_page_with_header_chrome_trailer_and_footer() {
    let page = [
        "العراق يحبط هجوماً في ديالى",
        "آخر تحديث: 10:42 بتوقيت بغداد",
        "بغداد نيوز -",
        "",
        PARAGRAPH_1,
        "",
        PARAGRAPH_2,
        "AFP",
        PARAGRAPH_3,
        "",
        "كلمات دلالية: العراق ديالى وزارة الدفاع",
        "",
        "اقرأ أيضاً:",
        "",
        "رئيس الوزراء يزور البصرة ويلتقي المحافظ",
        "",
        "وصل رئيس الوزراء إلى محافظة البصرة صباح اليوم في زيارة رسمية يلتقي خلالها بالمحافظ وعدد من المسؤولين.",
        "",
        "جميع الحقوق محفوظة © 2024",
    ]
    .join("\n");
    let zones = zone_lines(&page);
    let found: Vec<(usize, usize)> = zones.iter().map(|&(a, b, _)| (a, b)).collect();
    assert_eq!(found, [(1, 2), (7, 7), (10, 18)]);
    assert_eq!(zones[1].2, "zone:credit");
    assert_eq!(zones[2].2, "zone:trailer");
}

#[test]
fn a_topic_header_alone_on_its_line_ends_the_article() {
    let page = [ARTICLE, &["مواضيع", "العراق", "أخبار العراق", "الكهرباء"]]
        .concat()
        .join("\n");
    assert_eq!(zone_lines(&page), [(6, 9, "zone:trailer".to_string())]);
}

#[test]
fn a_list_labelled_for_screen_readers_is_its_labels_and_headlines() {
    let list = [
        "list 1 of 2",
        "العراق.. ماذا بعد انسحاب قوات التحالف من قاعدة عين الأسد؟",
        "list 2 of 2",
        "أنقرة وبغداد.. اتفاق النفط مقابل المياه",
        "end of list",
    ];
    let page = [&[PARAGRAPH_1, ""], &list[..], &["", PARAGRAPH_2]]
        .concat()
        .join("\n");
    assert_eq!(zone_lines(&page), [(2, 6, "zone:related-list".to_string())]);
    // Without its end label the list ends with the headline after the last label.
    let page = [&[PARAGRAPH_1, ""], &list[..4], &[PARAGRAPH_2]]
        .concat()
        .join("\n");
    assert_eq!(zone_lines(&page), [(2, 5, "zone:related-list".to_string())]);
    // A label alone is a credit line, and the paragraph after it stays article.
    let page = [PARAGRAPH_1, "", "list 1 of 2", PARAGRAPH_2].join("\n");
    assert_eq!(zone_lines(&page), [(2, 2, "zone:related-list".to_string())]);
}

#[test]
fn a_short_line_with_a_date_and_a_clock_time_is_a_timestamp() {
    let page = [
        "الميادين نت",
        "19 كانون أول 2025 14:05",
        "",
        PARAGRAPH_1,
        "وقع الانفجار عند الساعة 14:05 من يوم الأحد 21 سبتمبر 2025 قرب الجسر.",
    ]
    .join("\n");
    // The site name alone is not chrome; the sentence that states a time is article.
    assert_eq!(zone_lines(&page), [(1, 1, "zone:timestamp".to_string())]);
}

#[test]
fn the_site_name_beside_the_menu_is_the_masthead() {
    let page = [
        "شفق نيوز",
        "الرئيسية | سياسة | أمن | اقتصاد | تقارير",
        "2024-07-14 13:15",
        "",
        "مسيّرة تركية تقتل عنصرين في سنجار",
        PARAGRAPH_1,
    ]
    .join("\n");
    assert_eq!(lines(&page), [(0, 2)]);
    assert_eq!(zone_lines(&page)[0].2, "zone:site-name");
    // The headline beside the menu is longer than a site's name and stays article.
    let page = ["الرئيسية | سياسة | أمن", "مسيّرة تقتل عنصرين", PARAGRAPH_1].join("\n");
    assert_eq!(lines(&page), [(0, 0)]);
}

#[test]
fn read_also_in_the_middle_covers_only_its_headline() {
    let page = [
        PARAGRAPH_1,
        "",
        PARAGRAPH_2,
        "",
        "اقرأ أيضا",
        "",
        "انفجار يهز العاصمة",
        "",
        PARAGRAPH_3,
    ]
    .join("\n");
    assert_eq!(lines(&page), [(4, 6)]);
    // The same link with its headline on one line is one line.
    let inline = [PARAGRAPH_1, "اقرأ المزيد: انفجار يهز العاصمة", PARAGRAPH_2].join("\n");
    assert_eq!(lines(&inline), [(1, 1)]);
}

#[test]
fn read_also_before_more_boilerplate_is_the_trailer() {
    let page = [
        PARAGRAPH_1,
        PARAGRAPH_2,
        PARAGRAPH_3,
        "قد يهمك أيضــــًا :",
        "عنوان خبر آخر",
        PARAGRAPH_1,
        "الاسم *",
        "البريد الإلكتروني *",
        "إرسال",
    ]
    .join("\n");
    assert_eq!(lines(&page), [(3, 8)]);
}

#[test]
fn inserted_headlines_site_names_and_comment_headers() {
    let page = [
        "قناة الرافدين - وزير الدفاع: القوات جاهزة",
        "قناة الرافدين -",
        PARAGRAPH_1,
        "وزير الدفاع: القوات جاهزة لكل الاحتمالات على الحدود",
        PARAGRAPH_2,
        PARAGRAPH_3,
        "التعليقات",
    ]
    .join("\n");
    assert_eq!(lines(&page), [(0, 1), (3, 3), (6, 6)]);
}

#[test]
fn sentences_that_start_like_markers_are_article_text() {
    let page = [
        PARAGRAPH_1,
        "شارك الآلاف في التظاهرات التي خرجت في ساحة التحرير وسط العاصمة للمطالبة بالإصلاح.",
        "المصدر الأمني أكد أن التحقيقات مستمرة لمعرفة الجهة التي تقف وراء الهجوم على الموقع.",
        PARAGRAPH_2,
        "وقال الوزير: إن القوات ستبقى في حالة تأهب قصوى خلال الأيام المقبلة.",
        PARAGRAPH_3,
    ]
    .join("\n");
    assert_eq!(lines(&page), []);
    // A dateline city alone on its line is not a site name (one word, not repeated).
    let dateline = ["بغداد -", PARAGRAPH_1, PARAGRAPH_2].join("\n");
    assert_eq!(lines(&dateline), []);
    assert!(find_zones("").is_empty());
    assert!(find_zones("\n\n  \n").is_empty());
}

/// Gold zones reproduced exactly (same start and end).
#[test]
fn reproduces_the_gold_zones() {
    let mut exact = 0;
    let mut total = 0;
    let mut report = String::new();
    for entry in std::fs::read_dir(fixtures().join("gold")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let text = std::fs::read_to_string(fixtures().join("articles").join(file)).unwrap();
        let want: Vec<(u64, u64)> = gold["zones"]
            .as_array()
            .unwrap()
            .iter()
            .map(|z| (z["start"].as_u64().unwrap(), z["end"].as_u64().unwrap()))
            .collect();
        let got: Vec<(u64, u64)> = find_zones(&text)
            .iter()
            .map(|z| (z.start as u64, z.end as u64))
            .collect();
        total += want.len();
        exact += want.iter().filter(|z| got.contains(z)).count();
        let spurious: Vec<_> = got.iter().filter(|z| !want.contains(z)).collect();
        report += &format!("{file}: want {want:?} got {got:?} spurious {spurious:?}\n");
    }
    println!("{report}gold zones reproduced exactly: {exact}/{total}");
    assert_eq!(total, 10);
    assert!(exact >= 10, "{report}");
}

#[test]
fn menus_breadcrumbs_share_bars_and_long_copyright_lines() {
    let page = [
        &[
            "الرئيسية | العالم العربي | الخليج | اقتصاد | ثقافة وفنون | رياضة | رأي | فيديو",
            "العالم العربي > المشرق العربي",
            "فيسبوك تويتر واتساب",
            "صدر الصورة، Getty Images",
        ],
        ARTICLE,
        &[
            "قصص مقترحة",
            "ترامب: الحوثيون استسلموا ولن نقصفهم بعد الآن",
            "© 2025 بي بي سي. بي بي سي ليست مسؤولة عن محتوى المواقع الخارجية. سياستنا بخصوص الروابط الخارجية.",
        ],
    ]
    .concat()
    .join("\n");
    assert_eq!(lines(&page), [(0, 3), (10, 12)]);
    assert_eq!(zone_lines(&page)[1].2, "zone:trailer");
    // A long copyright line alone, after the article, ends it too.
    let copyright = "© 2025 بي بي سي. بي بي سي ليست مسؤولة عن محتوى المواقع الخارجية. سياستنا بخصوص الروابط الخارجية.";
    let footer = [PARAGRAPH_1, "", PARAGRAPH_2, "", copyright].join("\n");
    assert_eq!(lines(&footer), [(4, 4)]);
}

#[test]
fn separators_glued_to_words_or_long_items_are_not_menus() {
    for line in [
        "«حزب الله» يعلن» مسؤوليته",
        "عاجل | مقتل ثلاثة جنود في هجوم بطائرة مسيّرة على قاعدة عين الأسد",
        "كانون الأول / ديسمبر 2024",
        "«كتائب حزب الله» تتبنى الهجوم",
    ] {
        let page = [PARAGRAPH_1, "", line, "", PARAGRAPH_2].join("\n");
        assert_eq!(lines(&page), [], "{line}");
    }
}

#[test]
fn a_list_of_links_inside_the_article_is_chrome_and_the_article_goes_on() {
    let page = [
        PARAGRAPH_1,
        "",
        PARAGRAPH_2,
        "",
        "اقرأ أيضا",
        "list of 2 items",
        "list 1 of 2",
        "انتخابات مجالس المحافظات في العراق.. ما أبرز النتائج؟",
        "list 2 of 2",
        "هل يعود الصدر إلى العملية السياسية؟",
        "end of list",
        "",
        PARAGRAPH_3,
        "",
        PARAGRAPH_1,
        "",
        "المصدر : الجزيرة",
    ]
    .join("\n");
    assert_eq!(lines(&page), [(4, 10), (16, 16)]);
}

#[test]
fn a_timestamp_in_both_calendars_is_chrome() {
    let page = [
        "العراق أمام اختبار الغاز الإيراني",
        "الاثنين - 19 ذو القعدة 1446 هـ - 19 مايو 2025 مـ",
        "",
        PARAGRAPH_1,
        "",
        "نُشر: 10:21-4 يوليو 2025 م ـ 09 مُحرَّم 1447 هـ",
        "",
        PARAGRAPH_2,
    ]
    .join("\n");
    assert_eq!(lines(&page), [(1, 1), (5, 5)]);
    assert_eq!(zone_lines(&page)[0].2, "zone:timestamp");
}
