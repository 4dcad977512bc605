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
    "common.rows_shown": "Đang hiện {shown}/{total} dòng đầu.{where} Chạy lại với "
                         "--gioi-han 0 để hiện tất cả, hoặc --json.",
    "common.rows_shown_where_file": " Bảng đầy đủ: trang '{sheet}' của {path}.",
    "check.bad_title": "danh hiệu '{title}' không có; chọn một trong: {codes}",
    "check.counts_title": "Số người, số tổ đủ điều kiện theo danh hiệu",
    "check.col_title": "Danh hiệu",
    "check.col_eligible": "Đủ",
    "check.col_not": "Không đủ",
    "check.written": "Đã ghi trang '{sheet}' vào {path}.",
    # files and folders the user chose (issue 20.6/20.7): what went wrong, and what to do; never a temporary name
    "common.folder_read_only": "Không ghi được '{path}': thư mục '{folder}' chỉ đọc hoặc bạn không có quyền ghi "
                               "vào đó. Hãy chọn nơi ghi khác bằng tùy chọn -o (ví dụ: -o {example}).",
    "common.name_too_long": "Tên tệp hoặc đường dẫn quá dài ({n} ký tự): '{path}'. Hãy đặt tên ngắn hơn hoặc "
                            "chuyển tệp vào thư mục có đường dẫn ngắn hơn.",
    "common.disk_full": "Không ghi được '{path}': ổ đĩa đã đầy. Hãy giải phóng chỗ trống hoặc ghi sang ổ khác "
                        "bằng tùy chọn -o.",
    "common.cannot_write": "Không ghi được '{path}' ({reason}). Hãy kiểm tra đường dẫn, hoặc chọn nơi ghi khác "
                           "bằng tùy chọn -o.",
    "common.cannot_read": "Không đọc được '{path}' ({reason}). Hãy kiểm tra đường dẫn và quyền đọc tệp.",
    "common.not_a_folder": "'{path}' là một tệp, không phải thư mục: hồ sơ gồm nhiều văn bản nên cần một thư mục. "
                           "Hãy chọn thư mục bằng tùy chọn -o (ví dụ: -o {example}).",
    "common.out_is_input": "Thư mục hồ sơ (-o) '{path}' chính là sổ tính dữ liệu. Hãy chọn một thư mục khác "
                           "(ví dụ: -o {example}); sổ tính dữ liệu không bao giờ bị ghi đè.",
    "common.results_busy": "Sổ tính kết quả '{path}' đang được một lần chạy khác ghi (tệp khóa '{lock}'); đã chờ "
                           "{seconds} giây. Hãy chờ lần chạy đó xong rồi chạy lại; nếu không còn lần chạy nào, "
                           "hãy xóa tệp khóa.",
    "common.sheet_corrupt": "Trang tính '{sheet}' trong sổ tính bị hỏng, không đọc được ({error}). Hãy mở tệp "
                            "bằng Excel (Excel sẽ đề nghị sửa chữa), lưu lại dạng .xlsx rồi chạy lại.",
}
