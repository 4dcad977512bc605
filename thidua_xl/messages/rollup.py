"""Messages of the roll-up of every school at the ward / Sở (``thidua gop``)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "rollup.doc.nobody": "không có cá nhân, tập thể nào",
    # cross-school checks
    "rollup.match_id": "trùng số định danh cá nhân",
    "rollup.match_name_dob": "trùng họ tên và ngày sinh",
    "rollup.duplicate": ("{name} ({subject}) được đề nghị {title} ở trường này và cũng được đề nghị ở: {others} "
                         "({how})."),
    "rollup.duplicate_hint": ("Xác minh đây có phải cùng một người không; một người chỉ được một trường đề nghị "
                              "(trường đang trực tiếp quản lý). Trường còn lại bỏ tên khỏi danh sách đề nghị."),
    "rollup.why_quorum": "không đủ túc số (trang Hội đồng TĐKT, cột Có mặt)",
    "rollup.why_double_entry": "hai lần nhập phiếu lệch nhau {n} ô (trang Phiếu bầu và Phiếu bầu (nhập lần 2))",
    "rollup.why_no_hash": "thiếu mã băm dữ liệu phiếu (trang Phiếu bầu)",
    "rollup.why_audit": "có số liệu kiểm phiếu không khớp",
    "rollup.uncertified": ("{name} ({subject}) được đề nghị {title} nhưng kết quả kiểm phiếu của trường chưa được "
                           "chứng nhận: {why}."),
    "rollup.uncertified_hint": ("Đề nghị trường kiểm tra lại (thidua tally), đối chiếu hai lần nhập phiếu, bảo đảm "
                                "túc số rồi gửi lại sổ tính; chưa đưa người này vào danh sách của phường."),
    "rollup.passed": "đã đạt ngưỡng phiếu của Hội đồng trường",
    "rollup.not_passed": "chưa đạt ngưỡng phiếu",
    "rollup.not_eligible": ("{name} ({subject}) được trường đưa vào danh sách bỏ phiếu {title} ({passed}) nhưng "
                            "khi xét lại không đủ điều kiện: {reasons}."),
    "rollup.not_eligible_hint": ("Trả lại hồ sơ cho trường; nếu trường có minh chứng khác (quyết định, sáng kiến) "
                                 "thì bổ sung vào sổ tính rồi gửi lại."),
    "rollup.late": "Đăng ký {title} của {subject} ngày {date}, sau hạn đăng ký {deadline} của kế hoạch.",
    "rollup.late_hint": ("Kiểm tra ngày đăng ký; đăng ký sau hạn chỉ được xét nếu kế hoạch thi đua cho phép (ghi "
                         "rõ văn bản cho phép vào cột Ghi chú)."),
    "rollup.missing": "{name} (mã {code}) có trong danh sách trường nhưng chưa gửi sổ tính.",
    "rollup.missing_hint": ("Đề nghị trường gửi sổ tính chuẩn; đặt tên tệp bắt đầu bằng mã trường "
                            "(ví dụ {code}_ten_truong.xlsx) để khớp với danh sách."),
    "rollup.twice": "Trường {name} (mã {code}) có nhiều hơn một tệp: tệp này và {others}.",
    "rollup.twice_hint": ("Giữ lại một tệp (bản trường gửi sau cùng), chuyển các tệp còn lại ra khỏi thư mục rồi chạy "
                          "lại; chưa tệp nào của trường này được đưa vào Quyết định."),
    "rollup.failed": "Không xét được tệp {file}: {why}",
    "rollup.failed_hint": ("Mở tệp, sửa các lỗi ở trang Kiểm tra dữ liệu các trường (thidua validate TỆP) rồi "
                           "chạy lại."),
    "rollup.unknown": "{name} (tệp {file}) không có trong trang Danh sách trường của phường.",
    "rollup.unknown_hint": ("Thêm trường vào trang Danh sách trường (mã trường, tên trường, khối thi đua) hoặc đổi "
                            "tên tệp bắt đầu bằng mã trường."),
    "rollup.other_year": "Sổ tính của trường xét năm học {year}, khác năm học {ward_year} của phường.",
    "rollup.other_year_hint": "Kiểm tra ô Năm học ở trang Thông tin chung của trường.",
    "rollup.duplicate_code": "Mã trường {code} đã có ở dòng {first}.",
    "rollup.duplicate_code_hint": "Mỗi trường một mã riêng; sửa hoặc xóa dòng trùng.",
    # sheets and JSON
    "rollup.view.not_checked": "Không xét được",
    "rollup.view.no_ballots": "Không bỏ phiếu",
    "rollup.view.certified": "Đã chứng nhận",
    "rollup.view.not_certified": "Chưa chứng nhận",
    "rollup.view.total": "Cộng",
    "rollup.view.schools_title": "Tổng hợp hồ sơ thi đua các trường — {unit} ({n} tệp)",
    "rollup.view.schools_note": ("Mỗi trường được xét lại bằng cùng bộ quy tắc với thidua check/tally, theo chế độ "
                                 "của ngày xét ghi trong sổ tính của trường. Dòng Cộng là tổng của các trường."),
    "rollup.view.titles_title": ("Danh sách theo danh hiệu: mọi người, tập thể được các trường đưa ra, xếp theo "
                                 "tên (thứ tự tiếng Việt)"),
    "rollup.view.cross_title": "Kiểm tra chéo giữa các trường: {errors} lỗi, {warnings} cảnh báo",
    "rollup.view.cross_clean": "Không phát hiện vấn đề nào giữa các trường.",
    "rollup.view.problems_title": "Lỗi và cảnh báo khi đọc sổ tính của từng trường",
    "rollup.view.problems_clean": "Sổ tính của các trường không có lỗi hay cảnh báo.",
    # CLI
    "rollup.cli.progress": "Đang xét các trường",
    "rollup.cli.schools": "Các trường ({n} tệp)",
    "rollup.cli.problems": "Kiểm tra chéo: {n} vấn đề",
    "rollup.cli.totals": "Tổng {staff} cán bộ. Đủ điều kiện: {eligible}. Trường đề nghị: {proposed}.",
    "rollup.cli.written": "Đã ghi sổ tính tổng hợp: {path}",
    "rollup.cli.documents": ("Đã ghi {n} văn bản (Quyết định, danh sách, tờ trình, bảng tổng hợp) và {charts} biểu "
                             "đồ xếp hạng vào {path}"),
    "rollup.cli.no_files": ("Không tìm thấy sổ tính .xlsx nào của trường trong: {inputs}. Chỉ định các tệp hoặc "
                            "thư mục chứa sổ tính chuẩn của các trường."),
    # the higher council
    "rollup.council.bad_level": "Cấp Hội đồng '{level}' không có; chọn một trong: {levels}.",
    "rollup.council.sheet_title": "Kiểm phiếu của Hội đồng TĐKT {unit} — năm học {year}, chế độ {regime}",
    # scoring schools
    "rollup.score.flag": "Cờ thi đua",
    "rollup.score.excellent": "Tập thể lao động xuất sắc",
    "rollup.score.unknown_school": "Mã trường {code} không có trong trang Danh sách trường.",
    "rollup.score.unknown_school_hint": "Sửa mã trường cho đúng danh sách, hoặc thêm trường vào Danh sách trường.",
    "rollup.score.unknown_criterion": "Mã tiêu chí {code} không có trong trang Tiêu chí chấm điểm.",
    "rollup.score.unknown_criterion_hint": "Sửa mã tiêu chí cho đúng trang Tiêu chí chấm điểm.",
    "rollup.score.duplicate": "Trường {school} đã có điểm tiêu chí {code} ở dòng trên; dòng này không được tính.",
    "rollup.score.duplicate_hint": "Mỗi trường một dòng cho mỗi tiêu chí; xóa dòng trùng.",
    "rollup.score.out_of_range": ("Điểm {value} của trường {school} ở tiêu chí {code} ngoài khoảng 0 đến {max} (điểm "
                                  "tối đa); khi tính chỉ lấy trong khoảng ấy."),
    "rollup.score.out_of_range_hint": "Sửa điểm cho không vượt điểm tối đa của tiêu chí (trang Tiêu chí chấm điểm).",
    "rollup.score.bad_share": "'{value}' không phải một tỷ lệ (ví dụ 90%).",
    "rollup.score.bad_share_hint": "Ghi tỷ lệ điểm tối thiểu dạng 90% hoặc 9/10.",
    "rollup.score.sheet_title": "Chấm điểm thi đua các trường theo khối — {rule}",
    "rollup.score.rule": ("đề nghị Cờ thi đua: {top} trường dẫn đầu mỗi khối; Tập thể lao động xuất sắc: từ {share} "
                          "tổng điểm tối đa ({source})"),
    "rollup.score.rule_default": "mặc định của thidua_xl, quy định của đơn vị",
    "rollup.score.rule_workbook": "theo sổ tính của phường, quy định của đơn vị",
    "rollup.score.note": ("Điểm = tổng (điểm thẩm định, nếu chưa thẩm định thì điểm tự chấm) × trọng số; mỗi điểm "
                          "không vượt điểm tối đa. Bằng điểm thì cùng hạng."),
    "rollup.score.chart_title": "Xếp hạng thi đua — {group}",
    "rollup.score.chart_xlabel": "Điểm (tối đa {max})",
    "rollup.score.chart_proposed": "Được đề nghị (Cờ thi đua, Tập thể lao động xuất sắc)",
    # the ribbon button
    "rollup.excel.unsaved": "Hãy lưu sổ tính của phường trước: thư mục ho_so_cac_truong được tìm cạnh sổ tính.",
    "rollup.excel.no_folder": ("Không thấy thư mục {folder}. Tạo thư mục ho_so_cac_truong cạnh sổ tính này và chép "
                               "sổ tính của các trường vào đó."),
    "rollup.excel.no_files": "Thư mục {folder} không có sổ tính .xlsx nào của trường.",
    "rollup.excel.done": ("Đã tổng hợp {n} trường: {errors} lỗi, {warnings} cảnh báo (trang Kiểm tra chéo). Sổ tính "
                          "tổng hợp: {path}. Quyết định, tờ trình, bảng tổng hợp: {docs}."),
}
