"""Messages shared by every face."""

MESSAGES: dict[str, str] = {
    "common.file_not_found": "Không tìm thấy tệp '{path}'. Kiểm tra lại đường dẫn.",
    "common.not_xlsx": "Tệp '{path}' không phải sổ tính Excel (.xlsx). Hãy lưu lại dưới dạng .xlsx.",
    "common.file_locked": "Không ghi được '{path}': tệp đang mở trong Excel hoặc không có quyền ghi. "
    "Hãy đóng tệp rồi chạy lại.",
    "common.unexpected": "Lỗi không mong đợi: {error}. Hãy gửi tệp và thông báo này cho người hỗ trợ.",
    "common.has_errors": "Sổ tính còn {n} lỗi; hãy sửa trước khi tiếp tục (chạy 'thidua validate {path}').",
    "common.bad_school_year": "Năm học '{value}' không đúng dạng 2024-2025.",
    "common.rules_error": "Lỗi quy định: {error}",
    "common.progress.read": "Đang đọc sổ tính…",
    "common.progress.check": "Đang xét điều kiện…",
    "common.progress.tally": "Đang kiểm phiếu…",
    "common.progress.write": "Đang ghi sổ tính kết quả…",
    "common.progress.dossier": "Đang lập hồ sơ…",
    "common.rows_shown": "Đang hiện {shown}/{total} dòng đầu (theo thứ tự trong sổ tính).{where} Chạy lại với "
                         "--gioi-han 0 để hiện tất cả, hoặc --json.",
    "common.rows_shown_where_file": " Bảng đầy đủ: trang '{sheet}' của {path}.",
    "check.bad_title": "danh hiệu '{title}' không có; chọn một trong: {codes}",
    "check.counts_title": "Số người, số tổ đủ điều kiện theo danh hiệu",
    "check.col_title": "Danh hiệu",
    "check.col_eligible": "Đủ",
    "check.col_not": "Không đủ",
    "check.reason_codes": "Mã lý do: xem docs/rules.md; chi tiết từng người: --danh-hieu MÃ hoặc --json.",
    "check.written": "Đã ghi trang '{sheet}' vào {path}.",
}
