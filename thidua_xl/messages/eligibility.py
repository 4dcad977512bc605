"""Messages of the eligibility engine.

Each criterion (see :mod:`thidua_xl.core.eligibility.criteria`) has, under its key (``elig.<code in lower
case>`` unless the check names another): the reason shown when it fails (``""`` below), and for
explanations its ``label``, the ``rule`` applied and the ``fact`` used (or ``fact.passed`` /
``fact.failed``; in :data:`NOTATION` when it has no words). All are ``str.format`` templates filled with
the keyword facts of the call.
"""

from __future__ import annotations

_YES_NO = {"fact.passed": "có", "fact.failed": "không"}
_NONE_SOME = {"fact.passed": "không", "fact.failed": "có"}

CRITERIA: dict[str, dict[str, str]] = {
    # ---- shared: registration, rating, conduct, runs
    "elig.not_registered": {"": "Không đăng ký thi đua danh hiệu {title} đầu năm học",
                            "label": "Đăng ký thi đua", **_YES_NO, "rule": "bắt buộc"},
    "elig.rating": {"": "Xếp loại {rating}; cần từ {need} trở lên",
                    "label": "Xếp loại năm học", "fact": "{rating}", "rule": "từ {need} trở lên"},
    "elig.discipline": {"": "Bị kỷ luật {level} (quyết định ngày {date}) trong năm xét; không xét khi bị kỷ luật từ "
                        "{floor} trở lên",
                        "label": "Kỷ luật trong năm", "fact.passed": "không", "fact.failed": "{level}",
                        "rule": "không bị kỷ luật từ {floor}"},
    "elig.pending_discipline": {"": "Đang bị xem xét kỷ luật, thanh tra hoặc điều tra; chưa khen thưởng",
                                "label": "Đang xem xét kỷ luật", **_NONE_SOME, "rule": "không"},
    "elig.run": {"": "Mới có {run} lần {title} liên tục (chuỗi bị gián đoạn ở năm học {year}); cần {need} lần liên tục",
                 "label": "Số lần {title} liên tục", "fact": "{run} năm liên tục", "rule": "{need} năm liên tục"},
    # ---- Lao động tiên tiến
    "elig.new_hire": {"": "Mới tuyển dụng {months} tháng; cần tối thiểu {need} tháng công tác",
                      "label": "Thời gian công tác từ khi tuyển dụng", "fact": "{months} tháng (từ {since:%d/%m/%Y})",
                      "rule": "≥ {need} tháng"},
    "elig.too_little_work": {"": "Nghỉ {away} tháng (làm việc {worked} tháng); cần tối thiểu {need} tháng làm việc",
                             "label": "Thời gian làm việc trong năm", "fact": "{worked} tháng", "rule": "≥ {need} tháng"},
    # ---- Chiến sĩ thi đua cơ sở
    "elig.no_htxsnv_or_initiative": {
        "": "Xếp loại {rating} và không có sáng kiến/đề tài được công nhận ({level}) trong năm; cần hoàn thành xuất "
        "sắc nhiệm vụ hoặc có sáng kiến/đề tài",
        "label": "Hoàn thành xuất sắc nhiệm vụ / sáng kiến", "fact": "xếp loại {grade}, {count} sáng kiến/đề tài",
        "rule": "HTXSNV hoặc có sáng kiến/đề tài"},
    "elig.no_initiative": {
        "": "Không có sáng kiến/đề tài được công nhận ({level}) trong năm học {year}; chế độ này bắt buộc có sáng "
        "kiến hoặc đề tài",
        "label": "Hoàn thành xuất sắc nhiệm vụ / sáng kiến", "fact": "{count} sáng kiến/đề tài",
        "rule": "có sáng kiến/đề tài"},
    # ---- Chiến sĩ thi đua cấp tỉnh / toàn quốc
    "elig.initiative_scope": {"": "Không có sáng kiến/đề tài phạm vi {level} trong {years} năm gần nhất",
                              "label": "Sáng kiến/đề tài đủ phạm vi", "fact": "{count}"},
    # ---- Bằng khen
    "elig.bk_run": {"": "Chưa có {n_cs} lần CSTĐCS liên tục (có {run_cs}) hay {n_xs} năm HTXSNV liên tục (có "
                    "{run_xs}; gián đoạn ở năm học {year})",
                    "label": "CSTĐCS hoặc HTXSNV liên tục", "fact": "CSTĐCS {run_cs} năm, HTXSNV {run_xs} năm",
                    "rule": "{n_cs} lần CSTĐCS hoặc {n_xs} năm HTXSNV liên tục"},
    "elig.htxsnv_run": {"": "Mới có {run} năm HTXSNV liên tục (gián đoạn ở năm học {year}); cần {need} năm liên tục",
                        "label": "CSTĐCS hoặc HTXSNV liên tục", "fact": "HTXSNV {run} năm",
                        "rule": "{need} năm HTXSNV liên tục"},
    "elig.bk_initiatives": {"": "Có {sk} sáng kiến và {dt} đề tài trong thời gian đó; cần {need} sáng kiến hoặc "
                            "{need} đề tài{same}",
                            "label": "Số sáng kiến/đề tài", "fact": "{sk} sáng kiến, {dt} đề tài",
                            "rule": "{need} sáng kiến hoặc {need} đề tài"},
    "elig.achievement": {"": "Không có thành tích ghi nhận (trang Thành tích, năm học {years}) đạt phương án khác: "
                         "{options}{found}",
                         "label": "Thành tích Hội đồng ghi nhận (các phương án khác)", **_YES_NO,
                         "rule": "một trong: {options}"},
    "elig.bk_alternative": {"label": "Phương án {alternative}", "fact": "{count} thành tích", "rule": "{rule}"},
    "elig.bk_basis": {"label": "Phương án đạt", "fact": "{basis}", "rule": "một trong các phương án"},
    "elig.no_prior_bang_khen": {"": "Chưa được tặng Bằng khen cấp tỉnh hoặc Bằng khen Bộ trưởng",
                                "label": "Đã có bằng khen tỉnh/bộ", **_YES_NO, "rule": "đã có bằng khen tỉnh/bộ"},
    "elig.rating_run": {"": "Mới có {run} năm liên tục xếp loại từ {rating} trở lên (gián đoạn ở năm học {year}); cần "
                        "{need} năm",
                        "label": "Xếp loại liên tục", "fact": "{run} năm", "rule": "{need} năm từ {rating}"},
    "elig.cstdcs_count": {"": "Có {count} lần CSTĐCS trong {years} năm; cần {need} lần",
                          "label": "Số lần CSTĐCS", "fact": "{count} lần", "rule": "≥ {need} lần"},
    "elig.initiative_count": {"": "Có {count} sáng kiến/đề tài trong {years} năm; cần {need}",
                              "label": "Số sáng kiến/đề tài", "fact": "{count}", "rule": "≥ {need}"},
    # ---- Giấy khen
    "elig.no_achievement": {"": "Chưa ghi nhận thành tích xuất sắc trong phong trào thi đua, kỳ thi, hội thi",
                            "label": "Thành tích xuất sắc", **_YES_NO, "rule": "có"},
    # ---- Kỷ niệm chương
    "elig.knc_already": {"": "Đã được tặng Kỷ niệm chương (chỉ tặng một lần)",
                         "label": "Chưa nhận Kỷ niệm chương", "fact.passed": "chưa", "fact.failed": "đã nhận",
                         "rule": "chưa nhận"},
    "elig.no_sector_date": {"": "Thiếu ngày vào ngành; không tính được thời gian công tác",
                            "label": "Thời gian công tác trong ngành", "fact": "?", "rule": ""},
    "elig.service_years": {"": "Thời gian công tác trong ngành {served}; cần {need} năm (đủ từ ngày {due})",
                           "label": "Thời gian công tác trong ngành", "fact": "{served}", "rule": "≥ {need} năm{cut}"},
    "elig.difficult_area": {"label": "Vùng đặc biệt khó khăn", "fact": "{years} năm", "rule": "≥ {need} năm"},
    "elig.discipline_wait": {"": "Chấp hành xong kỷ luật ngày {end}; chỉ được xét sau {wait} năm (từ ngày {date})",
                             "label": "Thời gian chờ sau kỷ luật", "fact": "{end}", "rule": "{wait} năm sau khi hết kỷ luật"},
    # ---- teams
    "elig.ldtt_share": {"": "{n_ldtt}/{n} cá nhân đạt LĐTT ({pct}%); cần {comp} {need}%",
                        "label": "Tỷ lệ LĐTT của tập thể"},
    "elig.member_discipline": {"": "Có thành viên bị kỷ luật từ {floor} trở lên: {names}",
                               "label": "Kỷ luật trong tập thể", "fact.passed": "không", "fact.failed": "{names}",
                               "rule": "không ai bị kỷ luật từ {floor}"},
    "elig.member_not_complete": {"": "Chưa 100% cá nhân hoàn thành nhiệm vụ: {names}",
                                 "label": "100% hoàn thành nhiệm vụ", "fact": "{done}/{n}", "rule": "100%"},
    "elig.no_cstdcs_member": {"": "Không có cá nhân đạt Chiến sĩ thi đua cơ sở",
                              "label": "Có cá nhân CSTĐCS", **_YES_NO, "rule": "có ít nhất 1"},
    "elig.team_rating": {"": "Tập thể xếp loại {rating}; cần {need}",
                         "label": "Mức hoàn thành của tập thể", "fact": "{rating}", "rule": "{need}"},
}

# Explanation templates that are notation only (facts and symbols, no words): read with the catalogue
# by the eligibility engine, but not messages of their own.
NOTATION: dict[str, str] = {
    "elig.initiative_scope.rule": "≥ 1 ({level})",
    "elig.ldtt_share.fact": "{n_ldtt}/{n} = {pct}%",
    "elig.ldtt_share.rule": "{sign} {need}%",
    "elig.bk_item": "“{text}” ({level}, {decision})",
}

MESSAGES: dict[str, str] = {
    "elig.rule_where_sheet": "Quy định riêng (trang '{sheet}', dòng {row}, cột Giá trị)",
    "elig.rule_where_set": "Bộ quy định chế độ {regime}",
    "elig.bad_rule_code": "{where}: giá trị '{value}' của tham số '{param}' không phải là một mã hợp lệ. "
    "Gõ một trong các mã: {codes}.",
    "elig.overridden": "giá trị đã được điều chỉnh cấp {level} theo {citation} (mặc định: {original})",
    "elig.table_note": "Mỗi ô: 'Đủ' hoặc 'Không đủ' kèm mọi lý do; căn cứ pháp lý xem 'thidua check --json' hoặc "
    "docs/rules.md.",
    # words inside the sentences
    "elig.unrated": "chưa xếp loại",
    "elig.unknown": "?",
    "elig.years": "{years} năm",
    "elig.years_months": "{years} năm {months} tháng",
    "elig.days_off": " (đã trừ {days} ngày kỷ luật)",
    "elig.knc_reduced": " (giảm {years} năm do công tác vùng ĐBKK)",
    "elig.same_kind": " (cùng loại: 1 sáng kiến + 1 đề tài không đủ)",
    # Bằng khen tỉnh/Bộ: the alternative met, the alternatives through an achievement, an achievement
    "elig.eligible_by": "Đủ — {basis}",
    "elig.bk_basis.run": "phương án CSTĐCS hoặc HTXSNV liên tục, có {need} sáng kiến hoặc {need} đề tài ({cite})",
    "elig.bk_basis.run_htxsnv": "phương án HTXSNV liên tục, có {need} sáng kiến hoặc {need} đề tài ({cite})",
    "elig.bk_basis.achievement": "phương án {alternative}: {items} ({cite})",
    "elig.bk_alt.PHONG_TRAO": "thành tích xuất sắc được bình xét trong phong trào thi đua",
    "elig.bk_alt.ANH_HUONG": "nhiều thành tích có phạm vi ảnh hưởng",
    "elig.bk_alt.DOT_XUAT": "thành tích đột xuất",
    "elig.bk_opt.PHONG_TRAO": "xuất sắc trong phong trào thi đua (từ {level})",
    "elig.bk_opt.ANH_HUONG": "{need} thành tích có phạm vi ảnh hưởng từ {level}",
    "elig.bk_opt.DOT_XUAT": "đột xuất (từ {level})",
    "elig.bk_found": "; đã ghi: {items}",
    "elig.bk_decision": "quyết định số {no} ngày {date}",
    "elig.bk_no_decision": "chưa ghi văn bản công nhận",
    "elig.bk_decision_no": "quyết định số {no}",
    "elig.bk_decision_date": "quyết định ngày {date}",
    "elig.from": "từ",
    "elig.from.sign": "≥",
    "elig.above": "trên",
    "elig.above.sign": ">",
    # scope of an initiative, mid-sentence
    "elig.level.CO_SO": "cơ sở",
    "elig.level.HUYEN": "cấp huyện/xã",
    "elig.level.TINH": "cấp tỉnh/bộ",
    "elig.level.TOAN_QUOC": "toàn quốc",
    **{f"{key}.{part}" if part else key: text for key, parts in CRITERIA.items() for part, text in parts.items()},
}
