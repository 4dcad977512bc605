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
    "addin.vba.cannot_start": "Không chạy được Python cho add-in Thi đua. Mở Command Prompt (macOS: Terminal) và "
                              "chạy: thidua addin doctor — lệnh này cho biết thiếu gì và cách sửa.",
    "addin.config_quote": "Không ghi được cấu hình: \"{key}\" = \"{value}\" có dấu ngoặc kép. Hãy cài Python vào "
                          "thư mục có tên không chứa dấu ngoặc kép.",
    "addin.config_bad_line": "dòng {n} không đúng dạng \"khóa\",\"giá trị\": {line}",
    "addin.installed_full": "Đã cài add-in Thi đua cho người dùng này (không cần quyền quản trị):\n"
                            "  add-in: {addin}\n  cấu hình: {config}\n  Python: {python}\n"
                            "  máy chủ UDF (giữ Python chạy sẵn cho các nút): {server}{extra}\n"
                            "Mở lại Excel để thấy thẻ \"Thi đua\"; nếu có trục trặc, chạy: thidua addin doctor",
    "addin.installed_applescript": "\n  tệp AppleScript để Excel chạy Python: {path}",
    "addin.uninstalled": "Đã gỡ add-in Thi đua: {n} tệp đã xóa{files}. Mở lại Excel để thẻ \"Thi đua\" biến mất.",
    "addin.nothing_to_uninstall": "Không thấy add-in Thi đua nào đã cài cho người dùng này ({path}).",
    "addin.yes": "bật",
    "addin.no": "tắt",
    "doctor.title": "Kiểm tra cài đặt add-in Thi đua ({system}):",
    "doctor.addin": "Add-in trong thư mục khởi động của Excel",
    "doctor.sheet": "Trang cấu hình của add-in không được ghi đè đường dẫn Python",
    "doctor.config": "Tệp cấu hình của người dùng",
    "doctor.python": "Python mà Excel sẽ chạy",
    "doctor.dll": "Thư viện xlwings (DLL) cạnh Python",
    "doctor.package": "Gói thidua_xl và xlwings cùng phiên bản với add-in",
    "doctor.applescript": "AppleScript của xlwings (macOS)",
    "doctor.excel": "Phiên bản Excel",
    "doctor.missing": "không có {path}",
    "doctor.no_key": "thiếu mục {key} trong {path}",
    "doctor.dll_missing": "không thấy {dll} trong {where} hoặc thư mục cha",
    "doctor.version": "xlwings {got}, add-in cần {want}",
    "doctor.excel_unknown": "không đọc được phiên bản",
    "doctor.excel_dynamic": "{product}: có mảng động, bảng kết quả tự tràn ra nhiều ô",
    "doctor.excel_legacy": "{product}: không có mảng động (Excel 2016/2019)",
    "doctor.fix.install": "Chạy lệnh: thidua addin install",
    "doctor.fix.reinstall": "Cài lại cho khớp phiên bản: pip install -U thidua_xl rồi thidua addin install",
    "doctor.fix.python": "Python đã bị gỡ hoặc chuyển chỗ. Mở Command Prompt bằng Python đang dùng và chạy lại: "
                         "thidua addin install",
    "doctor.fix.dll": "Cài lại xlwings cho đúng Python này: py -m pip install --force-reinstall xlwings, rồi "
                      "thidua addin install",
    "doctor.fix.package": "Cài gói vào đúng Python này: py -m pip install thidua_xl (hoặc cài từ thư mục cài đặt "
                          "của trường), rồi thidua addin install",
    "doctor.fix.excel_unknown": "Mở Excel → Tệp → Tài khoản → Giới thiệu về Excel: Microsoft 365, 2021, 2024 có mảng "
                                "động; 2016, 2019 thì xem mục \"Excel 2016/2019\" trong docs/excel.md.",
    "doctor.fix.legacy_arrays": "Các hàm bảng (TDKT_XET_BANG, TDKT_KIEM_PHIEU, TDKT_SAP_XEP_TEN) phải nhập kiểu công "
                                "thức mảng cũ: chọn trước cả vùng kết quả, gõ công thức rồi bấm Ctrl+Shift+Enter.",
    "doctor.all_good": "Mọi thứ đã sẵn sàng.",
    "doctor.to_fix": "Còn {n} mục cần sửa (✗): làm theo dòng → dưới mỗi mục rồi chạy lại thidua addin doctor.",
}
