"""Messages of the rule sets: confidence tags in Vietnamese, how the regime was chosen, citations replaced
because the text was not in force."""

MESSAGES = {
    # confidence of a value, as printed next to its citation (the English code stays in JSON only)
    "rules.tag.VERIFIED": "đã kiểm chứng",
    "rules.tag.SECONDARY": "theo nguồn thứ cấp, chưa đối chiếu công báo",
    "rules.tag.UNVERIFIED": "chưa kiểm chứng",
    "rules.tag.GAP": "theo quy chế của đơn vị, mức mặc định chưa kiểm chứng",
    "rules.tag.LOCAL": "quy ước lập hồ sơ của thidua_xl",
    "rules.tag.OVERRIDDEN": "điều chỉnh theo Quy định riêng",
    # how the regime was chosen (JSON che_do_theo.mo_ta, documents' footer note)
    "rules.choice.consideration_date": "Chế độ {regime} theo ngày xét {date}",
    "rules.choice.meeting_date": "Chế độ {regime} theo ngày họp Hội đồng {date}",
    "rules.choice.school_year": "Chế độ {regime} theo năm học (sổ tính không ghi ngày xét, ngày họp)",
    "rules.choice.forced": "Chế độ {regime} do người dùng chọn",
    # a citation whose text was not in force on the consideration date
    "rules.cite.own_rule": "Quy chế thi đua, khen thưởng của đơn vị",
    "rules.note.not_in_force": "{doc} không có hiệu lực ngày {date}{replaced}: giá trị áp dụng như quy chế của đơn vị.",
    "rules.note.replaced_by": " (đã được thay bằng {doc})",
    # thidua rules / docs/rules.md
    "rules.instruments.title": "Văn bản được trích dẫn và thời gian có hiệu lực",
    "rules.instruments.head": "Văn bản|Có hiệu lực từ|Hết hiệu lực từ|Thay bằng|Độ tin cậy|Nguồn",
    "rules.instruments.open": "(còn hiệu lực)",
    "rules.regimes.title": "Chế độ áp dụng theo ngày xét",
    "rules.regimes.head": "Chế độ|Áp dụng từ ngày xét|Đến ngày|Năm học mặc định từ|Căn cứ ngày chuyển|Độ tin cậy",
}
