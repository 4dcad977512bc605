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
}
