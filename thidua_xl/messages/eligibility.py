"""Messages of the eligibility engine: reasons (with facts) and criterion labels."""

MESSAGES: dict[str, str] = {
    "elig.overridden": "giá trị đã được điều chỉnh cấp {level} theo {citation} (mặc định: {original})",
    "elig.not_registered": "Không đăng ký thi đua danh hiệu {title} đầu năm học",
    "elig.rating": "Xếp loại {rating}; cần từ {need} trở lên",
    "elig.new_hire": "Mới tuyển dụng {months} tháng; cần tối thiểu {need} tháng công tác",
    "elig.too_little_work": "Nghỉ {away} tháng (làm việc {worked} tháng); cần tối thiểu {need} tháng làm việc",
    "elig.discipline": "Bị kỷ luật {level} (quyết định ngày {date}) trong năm xét; không xét khi bị kỷ luật từ {floor} "
    "trở lên",
    "elig.pending": "Đang bị xem xét kỷ luật, thanh tra hoặc điều tra; chưa khen thưởng",
    "elig.cstdcs_2024": "Xếp loại {rating} và không có sáng kiến/đề tài được công nhận ({level}) trong năm; cần "
    "hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến/đề tài",
    "elig.cstdcs_2017": "Không có sáng kiến/đề tài được công nhận ({level}) trong năm học {year}; chế độ này bắt "
    "buộc có sáng kiến hoặc đề tài",
    "elig.run": "Đủ số năm liên tục",
    "elig.run_broken": "Mới có {run} lần {title} liên tục (chuỗi bị gián đoạn ở năm học {year}); cần {need} lần "
    "liên tục",
    "elig.initiative_scope": "Không có sáng kiến/đề tài phạm vi {level} trong {years} năm gần nhất",
    "elig.bk_run": "Chưa có {n_cs} lần CSTĐCS liên tục (có {run_cs}) hay {n_xs} năm HTXSNV liên tục (có {run_xs}; "
    "gián đoạn ở năm học {year})",
    "elig.htxsnv_run": "Mới có {run} năm HTXSNV liên tục (gián đoạn ở năm học {year}); cần {need} năm liên tục",
    "elig.bk_initiatives": "Có {sk} sáng kiến và {dt} đề tài trong thời gian đó; cần {need} sáng kiến hoặc {need} đề "
    "tài{same}",
    "elig.same_kind": " (cùng loại: 1 sáng kiến + 1 đề tài không đủ)",
    "elig.no_prior_bk": "Chưa được tặng Bằng khen cấp tỉnh hoặc Bằng khen Bộ trưởng",
    "elig.rating_run": "Mới có {run} năm liên tục xếp loại từ {rating} trở lên (gián đoạn ở năm học {year}); cần "
    "{need} năm",
    "elig.cstdcs_count": "Có {count} lần CSTĐCS trong {years} năm; cần {need} lần",
    "elig.initiative_count": "Có {count} sáng kiến/đề tài trong {years} năm; cần {need}",
    "elig.no_achievement": "Chưa ghi nhận thành tích xuất sắc trong phong trào thi đua, kỳ thi, hội thi",
    "elig.knc_already": "Đã được tặng Kỷ niệm chương (chỉ tặng một lần)",
    "elig.no_sector_date": "Thiếu ngày vào ngành; không tính được thời gian công tác",
    "elig.knc_years": "Thời gian công tác trong ngành {served}; cần {need} năm (đủ từ ngày {due})",
    "elig.knc_wait": "Chấp hành xong kỷ luật ngày {end}; chỉ được xét sau {wait} năm (từ ngày {date})",
    "elig.team_share": "{n_ldtt}/{n} cá nhân đạt LĐTT ({pct}%); cần {comp} {need}%",
    "elig.team_discipline": "Có thành viên bị kỷ luật từ {floor} trở lên: {names}",
    "elig.team_complete": "Chưa 100% cá nhân hoàn thành nhiệm vụ: {names}",
    "elig.team_no_cstdcs": "Không có cá nhân đạt Chiến sĩ thi đua cơ sở",
    "elig.team_rating": "Tập thể xếp loại {rating}; cần {need}",
    "elig.table_note": "Mỗi ô: 'Đủ' hoặc 'Không đủ' kèm mọi lý do; căn cứ pháp lý xem 'thidua check --json' hoặc "
    "docs/rules.md.",
    # criterion labels (explanations)
    "elig.c.registered": "Đăng ký thi đua",
    "elig.c.rating": "Xếp loại năm học",
    "elig.c.service": "Thời gian công tác từ khi tuyển dụng",
    "elig.c.worked": "Thời gian làm việc trong năm",
    "elig.c.discipline": "Kỷ luật trong năm",
    "elig.c.pending": "Đang xem xét kỷ luật",
    "elig.c.cstdcs": "Hoàn thành xuất sắc nhiệm vụ / sáng kiến",
    "elig.c.run": "Số lần {title} liên tục",
    "elig.c.scope": "Sáng kiến/đề tài đủ phạm vi",
    "elig.c.bk_run": "CSTĐCS hoặc HTXSNV liên tục",
    "elig.c.initiatives": "Số sáng kiến/đề tài",
    "elig.c.prior_bk": "Đã có bằng khen tỉnh/bộ",
    "elig.c.rating_run": "Xếp loại liên tục",
    "elig.c.cstdcs_count": "Số lần CSTĐCS",
    "elig.c.achievement": "Thành tích xuất sắc",
    "elig.c.knc_once": "Chưa nhận Kỷ niệm chương",
    "elig.c.service_years": "Thời gian công tác trong ngành",
    "elig.c.difficult": "Vùng đặc biệt khó khăn",
    "elig.c.discipline_wait": "Thời gian chờ sau kỷ luật",
    "elig.c.team_share": "Tỷ lệ LĐTT của tập thể",
    "elig.c.team_discipline": "Kỷ luật trong tập thể",
    "elig.c.team_complete": "100% hoàn thành nhiệm vụ",
    "elig.c.team_cstdcs": "Có cá nhân CSTĐCS",
    "elig.c.team_rating": "Mức hoàn thành của tập thể",
}
