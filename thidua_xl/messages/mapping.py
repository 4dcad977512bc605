"""Messages of ``thidua map``: the school's own column headers mapped to the standard columns."""

MESSAGES: dict[str, str] = {
    "map.table_title": "Tiêu đề của trường chưa khớp cột chuẩn nào — gợi ý ánh xạ",
    "map.col_sheet": "Trang",
    "map.col_header": "Tiêu đề của trường",
    "map.col_standard": "Cột chuẩn (gợi ý)",
    "map.no_suggestion": "(chưa có gợi ý — điền tay hoặc để trống)",
    "map.nothing": "Mọi tiêu đề cột đều khớp cột chuẩn hoặc đã có trong ánh xạ; không cần ghi thêm.",
    "map.unmatched": "Cột bắt buộc chưa tìm thấy ở trang '{sheet}': {columns}. Thêm cột này vào sổ tính, hoặc ghi "
    "tiêu đề riêng của trường cho nó vào trang 'Ánh xạ cột'.",
    "map.written": "Đã ghi trang 'Ánh xạ cột' ({n} dòng) vào {path}. Mở tệp, kiểm tra cột 'Cột chuẩn' (sửa gợi ý "
    "chưa đúng, để trống cột không dùng); mọi lần chạy sau (validate, check, tally, report) đều dùng ánh xạ này.",
    "map.own_sheet": "Sổ tính đã có trang 'Ánh xạ cột' (được dùng trước tệp {path}): hãy chép các dòng gợi ý trên "
    "vào trang đó. Không ghi tệp nào.",
}
