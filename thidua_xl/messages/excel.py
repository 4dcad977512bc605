"""Messages of the Excel face (ribbon actions and TDKT_ worksheet functions)."""

MESSAGES: dict[str, str] = {
    "excel.done.new_workbook": "Đã tạo sổ tính chuẩn {path}. Hãy nhập dữ liệu vào các trang của sổ tính này.",
    "excel.done.validate": "Đã kiểm tra dữ liệu: {errors} lỗi, {warnings} cảnh báo. Chi tiết ở trang \"{sheet}\".",
    "excel.done.check": "Đã xét điều kiện cho {people} cá nhân theo chế độ {regime}: {eligible} lượt đủ điều kiện. "
                        "Kết quả ở trang: {sheets}.",
    "excel.done.tally_certified": "Đã kiểm phiếu {titles} danh hiệu; kết quả được chứng nhận. Xem trang: {sheets}.",
    "excel.done.tally_not_certified": "Đã kiểm phiếu {titles} danh hiệu nhưng kết quả CHƯA được chứng nhận "
                                      "(túc số, hai lần nhập hoặc số liệu chưa khớp). Xem trang: {sheets}.",
    "excel.done.reconcile_none": "Sổ tính chưa có trang nhập phiếu lần hai nên không có gì để đối chiếu.",
    "excel.done.reconcile_diff": "Hai lần nhập phiếu có {n} chỗ chênh lệch. Xem trang \"{sheet}\" và sửa phiếu nhập sai.",
    "excel.done.reconcile_ok": "Hai lần nhập phiếu khớp hoàn toàn. Xem trang \"{sheet}\".",
    "excel.done.dossier": "Đã tạo {n} tệp Word của hồ sơ đề nghị trong thư mục {path}.",
    "excel.done.dossier_templates": "Cảnh báo về mẫu của trường (thư mục mau_ho_so): {n} điều, ví dụ: {first} "
    "Xem đủ trong tệp .thidua_hoso.json của thư mục hồ sơ.",
    "excel.done.no_folder": "Chưa có thư mục hồ sơ {path}. Hãy bấm \"Lập hồ sơ\" trước.",
    "excel.done.open_folder": "Đã mở thư mục hồ sơ {path}.",
    "excel.error.unknown_action": "Nút \"{id}\" không có trong add-in này. Hãy cài lại add-in Thi đua.",
    "excel.error.input": "{action}: {error} Dữ liệu của bạn không bị thay đổi.",
    "excel.error.locked": "{action}: không ghi được tệp {path} vì tệp đang mở ở chương trình khác. Hãy đóng tệp rồi "
                          "bấm lại.",
    "excel.error.unexpected": "{action}: gặp lỗi ngoài dự kiến ({error}). Dữ liệu của bạn không bị thay đổi. Hãy gửi "
                              "sổ tính và thông báo này cho người hỗ trợ.",
    "excel.error.no_excel": "Không kết nối được với Excel: {error}",
    # worksheet functions
    "udf.unknown_title": "Không có danh hiệu \"{title}\". Dùng một mã: {codes}.",
    "udf.unknown_staff": "Không tìm thấy mã cán bộ \"{id}\" trong bảng Cán bộ đã truyền vào hàm.",
    "udf.no_staff_table": "Chưa truyền bảng Cán bộ (vùng có dòng tiêu đề \"Mã CB\", \"Họ và tên\", ...) vào hàm.",
    "udf.unknown_table": "Vùng thứ {n} không nhận ra là bảng nào của sổ tính chuẩn (dòng tiêu đề không khớp). Hãy "
                         "chọn cả dòng tiêu đề.",
    "udf.no_school_year": "Thiếu năm học: điền đối số nam_hoc (ví dụ \"2024-2025\") hoặc truyền bảng Thông tin chung.",
    "excel.done.doctor_failed": "Không chạy được phần kiểm tra cài đặt: {error}. Mở Command Prompt và chạy: "
                                "thidua addin doctor",
    "udf.bad_school_year": "Năm học \"{value}\" không đúng dạng. Ghi năm học trong dấu ngoặc kép, dạng \"2024-2025\" "
                           "(năm sau bằng năm trước cộng 1), hoặc để \"\" để lấy trong bảng Thông tin chung.",
    "udf.school_year_subtracted": "Năm học nhận được là số {value}: Excel đã lấy 2024 trừ 2025 vì năm học không nằm "
                                  "trong dấu ngoặc kép. Hãy gõ \"2024-2025\" (có dấu ngoặc kép) hoặc trỏ tới một ô "
                                  "định dạng Văn bản.",
    "udf.no_threshold": "Danh hiệu {title} không có ngưỡng bầu trong bộ quy định của năm học này.",
    "udf.data_error": "Dữ liệu có lỗi: {error}",
    "udf.not_number": "\"{value}\" không phải là số không âm.",
    "udf.zero_base": "Cơ sở tính bằng 0: không tính được tỷ lệ.",
    "udf.more_than_base": "Số phiếu {votes} lớn hơn cơ sở tính {base}.",
    "udf.eligible": "Đủ điều kiện",
    "udf.header.id": "Mã CB",
    "udf.header.name": "Họ và tên",
    "udf.header.team": "Tổ",
    "udf.header.title": "Danh hiệu",
    "udf.header.eligible": "Đủ điều kiện",
    "udf.header.reasons": "Lý do",
}
