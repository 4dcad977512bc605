"""Messages of the server face (``thidua serve``, the Office.js task pane and its downloads)."""

MESSAGES: dict[str, str] = {
    "server.no_license": "Chưa đặt khóa giấy phép xlwings nên không khởi động máy chủ. xlwings Server dùng giấy "
                         "phép PolyForm Noncommercial (miễn phí cho trường học, cơ quan nhà nước) hoặc giấy phép "
                         "thương mại: đặt biến môi trường XLWINGS_LICENSE_KEY=noncommercial (hoặc khóa đã mua) rồi "
                         "chạy lại. Xem docs/server.md.",
    "server.no_extra": "Máy này chưa cài phần máy chủ ({error}). Hãy chạy: pip install \"thidua_xl[server]\".",
    "server.needs_https": "Máy chủ nghe ở {host}, ngoài máy này, nên phải dùng HTTPS (dữ liệu cán bộ là dữ liệu cá "
                          "nhân): thêm --cert TỆP.pem --key TỆP.key, hoặc --sau-proxy khi nginx/IIS phía trước đã lo "
                          "HTTPS.",
    "server.cert_pair": "Cần cả --cert và --key (chứng chỉ và khóa riêng của nó).",
    "server.cert_missing": "Không thấy tệp chứng chỉ {path}.",
    "server.no_tokens": "Chưa cấp mã truy cập cho trường nào nên mọi yêu cầu sẽ bị từ chối. Cấp mã bằng: thidua "
                        "serve token add TÊN_TRƯỜNG",
    "server.starting": "Máy chủ Thi đua chạy tại {url} ({workers} tiến trình). Tệp manifest cho Excel: "
                       "{url}/manifest.xml. Dừng: Ctrl+C.",
    "server.token_added": "Mã truy cập của \"{school}\": {token}\nHãy gửi mã này cho trường qua kênh an toàn; máy "
                          "chủ chỉ lưu mã băm (SHA-256) trong {path} nên không xem lại được. Cấp lại mã sẽ thay mã cũ.",
    "server.token_removed": "Đã thu hồi mã truy cập của \"{school}\".",
    "server.token_unknown": "Không có trường \"{school}\" trong danh sách mã truy cập.",
    "server.token_list_empty": "Chưa cấp mã truy cập cho trường nào.",
    "server.token_list": "{n} trường có mã truy cập (tệp {path}):",
    "server.token_bad_school": "Tên trường không được để trống.",
    "server.token_store_bad": "Tệp mã truy cập {path} bị hỏng ({error}). Hãy xóa tệp rồi cấp lại mã cho các trường.",
    "server.auth_failed": "Thiếu hoặc sai mã truy cập của trường. Hãy mở ngăn Thi đua, nhập mã do phòng/sở cấp và "
                          "bấm Lưu.",
    "server.too_large": "Dữ liệu gửi lên quá lớn ({size} MB, giới hạn {limit} MB). Hãy bớt các trang không cần "
                        "hoặc nhờ quản trị máy chủ tăng giới hạn (--gioi-han-mb).",
    "server.bad_payload": "Dữ liệu sổ tính gửi lên không đọc được. Hãy tải lại ngăn Thi đua rồi bấm lại.",
    "server.unknown_download": "Không có tệp tải về \"{kind}\".",
    "server.download.new_workbook": "Đã tạo sổ tính chuẩn {name}. Bấm liên kết để tải về rồi mở và nhập dữ liệu.",
    "server.download.dossier": "Đã lập hồ sơ đề nghị: {n} tệp Word trong {name}. Bấm liên kết để tải về; máy chủ "
                               "không giữ lại tệp nào.",
    "server.download.results": "Đã ghi sổ tính kết quả {name} (kết quả xét và kiểm phiếu). Bấm liên kết để tải về.",
    "server.download.failed": "{action}: gặp lỗi ngoài dự kiến ({error}). Dữ liệu của bạn không bị thay đổi.",
    "server.label.results": "Tải sổ tính kết quả",
    "server.tip.results": "Xét điều kiện và kiểm phiếu, rồi tải về sổ tính kết quả (.xlsx) giống tệp của lệnh thidua "
                          "check/tally -o.",
}
