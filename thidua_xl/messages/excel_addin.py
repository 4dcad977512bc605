"""Messages of ``thidua addin`` (building and installing the Excel add-in)."""

MESSAGES: dict[str, str] = {
    "addin.no_xlwings": "Chưa cài gói xlwings nên không dựng được add-in. Chạy: pip install xlwings.",
    "addin.no_template": "Không tìm thấy mẫu add-in của xlwings: {path}. Hãy cài lại xlwings (pip install -U xlwings).",
    "addin.bad_template": "Mẫu VBA của xlwings khác dự kiến (không thấy {what}). Hãy dùng phiên bản xlwings mà "
                          "thidua_xl hỗ trợ.",
    "addin.not_ascii": "Mô-đun VBA {module} có ký tự ngoài bảng mã ASCII; hãy viết chữ có dấu bằng ChrW().",
    "addin.built": "Đã dựng add-in {path} (xlwings {version}, {buttons} nút, {functions} hàm TDKT_). Cài trên "
                   "Windows bằng: thidua addin install {path}",
    "addin.installed": "Đã cài add-in vào {path}. Mở lại Excel để thấy thẻ \"Thi đua\".",
    "addin.install_unsupported": "Chỉ cài được add-in trên Windows hoặc macOS có Microsoft Excel; máy này là "
                                 "{platform}. Hãy chép {path} sang máy Windows và chạy \"thidua addin install\" ở đó.",
    "addin.missing": "Chưa có tệp add-in {path}. Chạy \"thidua addin build\" trước.",
    "addin.write_error": "Không ghi được {path}: {error}. Hãy chọn thư mục khác có quyền ghi.",
}
