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
    "addin.config_quote": "Không ghi được cấu hình: \"{name}\" = \"{value}\" có dấu ngoặc kép. Hãy cài Python vào "
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
    "doctor.no_key": "thiếu mục {name} trong {path}",
    "doctor.dll_missing": "không thấy {dll} trong {where} hoặc thư mục cha",
    "doctor.version": "xlwings {got}, add-in cần {want}",
    "doctor.excel_unknown": "không đọc được phiên bản",
    "doctor.excel_dynamic": "{product}: có mảng động, bảng kết quả tự tràn ra nhiều ô",
    "doctor.excel_legacy": "{product}: không có mảng động (Excel 2016/2019)",
    "doctor.fix.install": "Chạy lệnh: thidua addin install",
    "doctor.fix.reinstall": "Cài lại cho khớp phiên bản: pip install -U thidua_xl rồi thidua addin install",
    "doctor.fix.python": "Python đã bị gỡ hoặc chuyển chỗ. Mở Command Prompt bằng Python đang dùng và chạy lại: "
                         "thidua addin install",
    "doctor.fix.dll": "Cài lại xlwings cho đúng Python này: py -m pip install --force-reinstall xlwings (không "
                      "thêm --user), rồi thidua addin install. Python của Microsoft Store hoặc cài cho mọi người dùng "
                      "thì DLL không nằm cạnh python.exe: cài Python từ python.org cho riêng người dùng.",
    "doctor.fix.package": "Cài gói vào đúng Python này: py -m pip install thidua_xl (hoặc cài từ thư mục cài đặt "
                          "của trường), rồi thidua addin install",
    "doctor.fix.excel_unknown": "Mở Excel → Tệp → Tài khoản → Giới thiệu về Excel: Microsoft 365, 2021, 2024 có mảng "
                                "động; 2016, 2019 thì xem mục \"Excel 2016/2019\" trong docs/excel.md.",
    "doctor.fix.legacy_arrays": "Các hàm bảng (TDKT_XET_BANG, TDKT_KIEM_PHIEU, TDKT_SAP_XEP_TEN) phải nhập kiểu công "
                                "thức mảng cũ: chọn trước cả vùng kết quả, gõ công thức rồi bấm Ctrl+Shift+Enter.",
    # thidua addin bundle: the offline installer for the school's IT
    "addin_bundle.step_project": "Bước 1: gói {source}",
    "addin_bundle.source_checkout": "thidua_xl dựng từ mã nguồn {path} (pip wheel)",
    "addin_bundle.source_installed": "thidua_xl đóng lại từ các tệp đã cài ở {path}",
    "addin_bundle.source_wheel": "thidua_xl lấy từ tệp {path}",
    "addin_bundle.step_download": "Bước 2 ({n}/{total}): tải các gói cho Python {python}, {platform}",
    "addin_bundle.step_files": "Bước 3: ghi cai_dat.bat, HUONG_DAN.docx, DANH_SACH.txt",
    "addin_bundle.step_pdf": "Bước 4: HUONG_DAN.pdf bằng LibreOffice",
    "addin_bundle.no_network": "Không kết nối được kho gói Python (PyPI). Bộ cài ngoại tuyến phải được tạo trên một "
                               "máy có mạng: kiểm tra mạng, proxy (biến HTTPS_PROXY) hoặc cấu hình pip của máy rồi "
                               "chạy lại lệnh thidua addin bundle.",
    "addin_bundle.pip_failed": "pip dừng với mã {code}. Những dòng cuối pip in ra:\n{tail}\nSửa theo thông báo trên "
                               "rồi chạy lại; chạy riêng bước này bằng: {command}",
    "addin_bundle.unresolved": "Các gói đã tải chưa đủ để cài ngoại tuyến cho Python {python} ({platform}):\n{tail}\n"
                               "Chạy lại thidua addin bundle; kiểm tra riêng bằng: {command}",
    "addin_bundle.no_fixpoint": "Không gom đủ gói cho Python {python} ({platform}) sau nhiều lượt tải. Hãy báo lỗi "
                                "này cho người phát triển thidua_xl.",
    "addin_bundle.needs_windows_wheel": "Gói {requirement} không có bản dựng sẵn (wheel) cho Windows và không phải "
                                        "Python thuần ({wheel}), nên không đưa vào bộ cài được. Hãy chọn phiên bản "
                                        "Python khác (--python) hoặc báo cho người phát triển thidua_xl.",
    "addin_bundle.no_target_wheel": "Gói {requirement} chưa có bản dựng sẵn (wheel) cho Python {python} trên "
                                    "{platform}. Hãy bỏ phiên bản Python này (--python chọn các phiên bản khác) hoặc "
                                    "chờ gói phát hành bản cho nó.",
    "addin_bundle.no_source": "Không tìm thấy gói {name} đã cài hay mã nguồn của nó. Cài gói rồi chạy lại, hoặc chỉ "
                              "ra tệp wheel bằng --wheel TỆP.whl.",
    "addin_bundle.build_no_wheel": "Dựng gói từ {path} không ra đúng một tệp .whl.",
    "addin_bundle.bad_wheel": "{path} không phải một tệp wheel (.whl) dùng được.",
    "addin_bundle.repack_missing": "Thiếu tệp {path} của gói đã cài; hãy cài lại gói (pip install --force-reinstall "
                                   "thidua_xl) rồi chạy lại.",
    "addin_bundle.bad_python": "Phiên bản Python \"{version}\" không đúng dạng; ví dụ: --python 3.11 3.12",
    "addin_bundle.python_not_supported": "thidua_xl không chạy trên Python {version} (cần Python {spec}).",
    "addin_bundle.bad_platform": "Nền tảng \"{platform}\" chưa hỗ trợ; chọn một trong: {known}.",
    "addin_bundle.not_a_folder": "{path} là một tệp, không phải thư mục. Hãy chọn thư mục khác bằng -o.",
    "addin_bundle.folder_not_empty": "Thư mục {path} đã có tệp khác và không phải bộ cài cũ (không có {manifest}). "
                                     "Hãy chọn một thư mục mới hoặc trống bằng -o, để không ghi lẫn vào tệp của bạn.",
    "addin_bundle.pdf_no_libreoffice": "Không có LibreOffice nên chưa có HUONG_DAN.pdf (HUONG_DAN.docx vẫn đủ dùng).",
    "addin_bundle.pdf_failed": "LibreOffice không chuyển được HUONG_DAN.docx sang PDF ({error}); HUONG_DAN.docx vẫn "
                               "đủ dùng.",
    "addin_bundle.done": "Đã tạo bộ cài ngoại tuyến {folder}: {n} gói ({mb} MB) cho Python {versions}, {platforms}.",
    "addin_bundle.done_source": "Gói thidua_xl: {source}.",
    "addin_bundle.done_files": "Các tệp: {files}; gói trong thư mục wheels.",
    "addin_bundle.done_next": "Chép cả thư mục sang máy của trường và nhấp đúp {script} (xem HUONG_DAN).",
    "addin_bundle.manifest.title": "Bộ cài ngoại tuyến {project} {version}, lập ngày {day} bằng lệnh: thidua addin "
                                   "bundle",
    "addin_bundle.manifest.targets": "Nền tảng: {platforms}; Python: {pythons}",
    "addin_bundle.manifest.count": "{n} gói, tổng {mb} MB",
    "addin_bundle.manifest.verify": "Kiểm tra một tệp trên Windows: certutil -hashfile {folder}\\TÊN_TỆP SHA256 "
                                    "(phải trùng cột sha256)",
    "addin_bundle.manifest.columns": "Cột: sha256, kích thước (byte), các phiên bản Python dùng gói, tệp",
    "addin_bundle.bat.title": "Cài đặt Thi đua - Khen thưởng cho Excel (bộ cài ngoại tuyến, Python {versions})",
    "addin_bundle.bat.step_pip": "Đang cài các gói từ thư mục wheels (không cần mạng)...",
    "addin_bundle.bat.step_addin": "Đang cài add-in ThiDua.xlam cho người dùng này...",
    "addin_bundle.bat.step_doctor": "Kiểm tra cài đặt:",
    "addin_bundle.bat.done": "Đã cài xong. Mở Excel: thẻ \"Thi đua\" nằm trên thanh ribbon; bấm \"Kiểm tra cài "
                             "đặt\" để xem lại.",
    "addin_bundle.bat.no_python": "Máy chưa có Python. Hãy cài Python {versions} từ python.org cho riêng người dùng "
                                  "(xem HUONG_DAN) rồi nhấp đúp lại tệp này.",
    "addin_bundle.bat.wrong_python": "Phiên bản Python ở trên không có trong bộ cài này (chỉ có Python {versions}). "
                                     "Hãy cài một trong các phiên bản đó từ python.org cho riêng người dùng, hoặc nhờ "
                                     "tổ tin học tạo bộ cài cho phiên bản này.",
    "addin_bundle.bat.wrong_platform": "Python ở trên không phải bản cho {platforms} mà bộ cài này có. Hãy cài bản "
                                       "Python \"Windows installer (64-bit)\" từ python.org cho riêng người dùng "
                                       "rồi nhấp đúp lại tệp này.",
    "addin_bundle.bat.shared_python": "Python của máy được cài cho mọi người dùng hoặc từ Microsoft Store: cài gói vào "
                                      "đó thì Excel không tìm thấy thư viện xlwings (tệp DLL phải nằm cạnh "
                                      "python.exe).\nHãy cài Python từ python.org cho riêng người dùng (xem "
                                      "HUONG_DAN, bước 1) rồi nhấp đúp lại tệp này.",
    "addin_bundle.bat.pip_failed": "Cài gói không thành công (xem thông báo của pip ở trên). Kiểm tra thư mục wheels "
                                   "còn đủ tệp (so với DANH_SACH.txt) rồi chạy lại tệp này.",
    "addin_bundle.bat.addin_failed": "Cài add-in không thành công (xem thông báo ở trên).",
    "addin_bundle.bat.doctor_failed": "Còn mục cần sửa (dấu ✗ ở trên): làm theo dòng → dưới mỗi mục.",
    "addin_bundle.bat.doctor_hint": "Sau khi sửa, kiểm tra lại bằng lệnh: thidua addin doctor\n(hoặc: py -m {cli} "
                                    "addin doctor trong Command Prompt)",
    "addin_bundle.guide.title": "HƯỚNG DẪN CÀI ĐẶT THI ĐUA – KHEN THƯỞNG CHO EXCEL",
    "addin_bundle.guide.subtitle": "Bộ cài ngoại tuyến {project} {version} · {platforms} · Python {versions} · không "
                                   "cần mạng, không cần quyền quản trị",
    "addin_bundle.guide.contents": "Trong thư mục này có",
    "addin_bundle.guide.item_wheels": "Thư mục **{folder}**: {n} gói cài đặt (tệp .whl) cho Python {versions}.",
    "addin_bundle.guide.item_script": "**{script}**: nhấp đúp để cài; tự cài các gói rồi cài add-in ThiDua.xlam cho "
                                      "người dùng đang đăng nhập.",
    "addin_bundle.guide.item_guide": "**{guide}** (và **{pdf}**): hướng dẫn này.",
    "addin_bundle.guide.item_manifest": "**{manifest}**: danh sách các gói và mã kiểm tra sha256 của từng tệp.",
    "addin_bundle.guide.steps": "Các bước (mỗi người dùng làm một lần)",
    "addin_bundle.guide.step1": "**Cài Python cho riêng người dùng** (một trong các phiên bản {versions}): tải bộ cài "
                                "Windows 64-bit từ python.org; ở màn hình đầu **bỏ** ô \"Use admin privileges when "
                                "installing py.exe\", đánh dấu \"Add python.exe to PATH\", bấm **Install Now**. "
                                "Không dùng Python của Microsoft Store.",
    "addin_bundle.guide.step2": "**Chép cả thư mục** này vào máy (ví dụ vào Tài liệu), mở thư mục và **nhấp đúp "
                                "{script}**. Chờ đến dòng \"Đã cài xong\", rồi bấm một phím để đóng cửa sổ.",
    "addin_bundle.guide.step3": "**Mở Excel** (nếu đang mở thì đóng hẳn rồi mở lại): thẻ **Thi đua** xuất hiện trên "
                                "thanh ribbon.",
    "addin_bundle.guide.step4": "Bấm **Thi đua → Kiểm tra cài đặt**: mọi mục có dấu ✓ là xong. Mục có dấu ✗ thì làm "
                                "theo dòng hướng dẫn ngay dưới nó.",
    "addin_bundle.guide.trouble": "Khi gặp trục trặc, nâng cấp, gỡ bỏ",
    "addin_bundle.guide.trouble_doctor": "Ô hiện lỗi hoặc nút không chạy: mở Command Prompt, gõ **py -m {cli} addin "
                                         "doctor** (hoặc **thidua addin doctor**) và làm theo các dòng có dấu →.",
    "addin_bundle.guide.trouble_store": "**cai_dat.bat** báo Python \"cài cho mọi người dùng hoặc từ Microsoft Store\": Excel không tìm được thư viện xlwings (DLL) của Python đó; hãy cài thêm Python cho riêng người dùng như bước 1 rồi nhấp đúp lại.",
    "addin_bundle.guide.upgrade": "Nâng cấp: đóng Excel, nhấp đúp **{script}** của bộ cài mới.",
    "addin_bundle.guide.uninstall": "Gỡ bỏ: **py -m {cli} addin install --uninstall** rồi **py -m pip uninstall "
                                    "{project}**.",
    "doctor.all_good": "Mọi thứ đã sẵn sàng.",
    "doctor.to_fix": "Còn {n} mục cần sửa (✗): làm theo dòng → dưới mỗi mục rồi chạy lại thidua addin doctor.",
}
