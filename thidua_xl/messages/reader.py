"""Messages of the workbook reader, the writer and ``thidua validate``.

Sheet, row and column are carried by the :class:`~thidua_xl.core.model.Problem` itself; the message says what
is wrong with the value, the suggestion says what to type instead.
"""

MESSAGES: dict[str, str] = {
    # --- sheets and headers
    "reader.missing_sheet": "Thiếu trang tính '{sheet}'.",
    "reader.missing_sheet_hint": "Thêm trang '{sheet}' (chạy 'thidua init mau.xlsx' để xem sổ tính chuẩn) "
    "hoặc đổi tên trang cho đúng.",
    "reader.no_header": "Không tìm thấy dòng tiêu đề trong trang '{sheet}' (đã tìm trong {rows} dòng đầu).",
    "reader.no_header_hint": "Dòng tiêu đề cần có các cột: {headers}. Nếu trường dùng tiêu đề riêng: ghi vào "
    "trang 'Ánh xạ cột' (lệnh 'thidua map TỆP' lập sẵn, có gợi ý).",
    # --- the school's own headers (Ánh xạ cột)
    "reader.map_bad_sheet": "'{value}' không phải tên một trang chuẩn.",
    "reader.map_bad_sheet_hint": "Ghi tên trang như trong sổ tính chuẩn: {sheets}.",
    "reader.map_bad_column": "Trang '{sheet}' không có cột chuẩn '{value}'.",
    "reader.map_bad_column_hint": "Chọn một cột của trang '{sheet}': {columns}.",
    "reader.map_twice": "Tiêu đề '{value}' đã được ánh xạ sang cột '{column}' ở dòng {first}.",
    "reader.map_twice_hint": "Mỗi tiêu đề của trường chỉ ứng với một cột chuẩn: xóa một trong hai dòng.",
    "reader.missing_column": "Thiếu cột '{column}'.",
    "reader.missing_column_hint": "Thêm cột '{column}' vào dòng tiêu đề (tên khác được chấp nhận: {aliases}). "
    "Nếu trường dùng tiêu đề riêng: ghi vào trang 'Ánh xạ cột' (lệnh 'thidua map TỆP' lập sẵn, có gợi ý).",
    "reader.duplicate_column": "Cột '{column}' có hai lần (cột {first} và cột {second}); chỉ đọc cột {first}.",
    "reader.duplicate_column_hint": "Xóa cột thừa hoặc đổi tên cho đúng nội dung.",
    # --- cell values
    "reader.missing_value": "Ô '{column}' còn trống.",
    "reader.missing_value_hint": "Điền '{column}' cho dòng này, hoặc xóa cả dòng nếu không dùng.",
    "reader.missing_info": "Chưa điền mục '{item}'.",
    "reader.missing_info_hint": "Điền '{item}' ở cột B của trang Thông tin chung.",
    "reader.bad_date": "'{value}' không phải là ngày.",
    "reader.impossible_date": "Ngày '{value}' không tồn tại.",
    "reader.bad_date_year": "Năm trong ngày '{value}' không hợp lý.",
    "reader.bad_date_hint": "Sửa thành ngày có thật, dạng dd/mm/yyyy (ví dụ 05/09/2024).",
    "reader.year_only": "'{value}' chỉ có năm; hãy ghi đủ ngày/tháng/năm.",
    "reader.year_only_date": "Ô hiện ngày {value}: đó là năm {year} gõ vào ô định dạng ngày (Excel hiểu là "
    "ngày thứ {year} tính từ 1900); chỉ có năm, hãy ghi đủ ngày/tháng/năm.",
    "reader.month_year_only": "'{value}' chỉ có tháng và năm; hãy ghi đủ ngày/tháng/năm.",
    "reader.year_only_hint": "Ghi đủ ngày, tháng, năm dạng dd/mm/yyyy (ví dụ 01/09/2015); nếu chỉ biết năm, "
    "hỏi lại hồ sơ gốc (quyết định, sổ BHXH) để lấy ngày chính xác.",
    "reader.date_range": "Ngày '{value}' nằm ngoài khoảng hợp lý của cột này (năm {lo}–{hi}).",
    "reader.serial_range": "Ô chứa số {value}, Excel hiểu là ngày {date}: nằm ngoài khoảng hợp lý của cột này "
    "(năm {lo}–{hi}).",
    "reader.date_range_hint": "Kiểm tra lại ngày, tháng, năm; ghi ngày dạng dd/mm/yyyy (ví dụ 05/09/2024).",
    "reader.us_date": "Ngày '{value}' có tháng {day} không tồn tại: có vẻ ô được ghi theo kiểu Mỹ tháng/ngày/năm.",
    "reader.us_date_hint": "Ghi theo thứ tự ngày/tháng/năm: {day:02d}/{month:02d}/{year}.",
    "reader.ambiguous_date": "Ngày '{value}' đã được đọc là {read} (ngày/tháng/năm), nhưng cột này có ngày ghi "
    "theo kiểu tháng/ngày/năm ('{us}'): có thể là {other}.",
    "reader.ambiguous_date_hint": "Kiểm tra lại ngày này và ghi mọi ngày trong cột theo thứ tự ngày/tháng/năm "
    "(hoặc định dạng ô là Ngày trong Excel).",
    "reader.excel_error": "Ô hiện lỗi Excel {value} ({meaning}); không đọc được giá trị.",
    "reader.excel_error_hint": "Sửa công thức của ô (hoặc gõ thẳng giá trị vào ô) để ô hiện đúng giá trị cần "
    "đọc.",
    "reader.excel_error_div0": "công thức chia cho 0",
    "reader.excel_error_na": "công thức không tìm thấy giá trị",
    "reader.excel_error_ref": "công thức tham chiếu tới ô đã bị xóa",
    "reader.excel_error_value": "công thức dùng sai kiểu giá trị",
    "reader.excel_error_name": "công thức có tên hàm hoặc tên vùng không tồn tại",
    "reader.excel_error_num": "công thức cho ra số không hợp lệ",
    "reader.excel_error_null": "hai vùng trong công thức không giao nhau",
    "reader.excel_error_other": "công thức không tính được",
    "reader.out_of_range": "Giá trị '{value}' nằm ngoài khoảng hợp lý {lo}–{hi} của cột này.",
    "reader.out_of_range_hint": "Nhập số từ {lo} đến {hi}.",
    "reader.huge_number": "'{value}' không phải là một số dùng được (quá lớn).",
    "reader.school_year_range": "Năm học '{value}' nằm ngoài khoảng năm {lo}–{hi}.",
    "reader.bad_number": "'{value}' không phải là số.",
    "reader.bad_int": "'{value}' phải là số nguyên.",
    "reader.bad_number_hint": "Nhập một số, ví dụ 3 hoặc 2,5.",
    "reader.negative": "Giá trị '{value}' không được âm.",
    "reader.negative_hint": "Nhập số từ 0 trở lên.",
    "reader.bad_choice": "Giá trị '{value}' không có trong danh sách.",
    "reader.bad_choice_hint": "Chọn một trong: {labels}.",
    "reader.months_range": "Số tháng '{value}' nằm ngoài khoảng 0–12.",
    "reader.months_range_hint": "Nhập số tháng trong năm học đang xét, từ 0 đến 12.",
    "reader.bad_school_year": "Năm học '{value}' không đúng dạng.",
    "reader.bad_school_year_hint": "Ghi năm học dạng 2024-2025 (năm sau bằng năm trước cộng 1).",
    # --- legacy Vietnamese encodings (TCVN3, VNI)
    "reader.legacy_text": "Chữ gõ bằng bảng mã {encoding}: '{before}' được đọc là '{after}'.",
    "reader.legacy_text_hint": "Đã tự chuyển sang Unicode khi đọc (sổ tính gốc không bị sửa). Để khỏi cảnh báo: "
    "chuyển mã cả sổ sang Unicode (ví dụ Unikey: Công cụ chuyển mã, bảng mã nguồn {encoding}, đích Unicode) "
    "và đổi phông chữ sang Times New Roman.",
    "reader.encoding_tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "reader.encoding_vni": "VNI (phông VNI-Times)",
    # --- cross-sheet checks
    "reader.duplicate_id": "Mã cán bộ '{id}' bị trùng (đã có ở dòng {first}).",
    "reader.duplicate_id_hint": "Mỗi người một mã riêng: sửa mã ở dòng này hoặc xóa dòng lặp.",
    "reader.duplicate_team": "Tổ '{team}' bị ghi hai lần (đã có ở dòng {first}).",
    "reader.duplicate_team_hint": "Xóa dòng lặp hoặc đặt tên tổ khác nhau.",
    "reader.unknown_team": "Tổ '{team}' không có trong trang '{sheet}'.",
    "reader.unknown_team_hint": "Sửa tên tổ cho khớp trang '{sheet}', hoặc thêm tổ đó vào trang '{sheet}'.",
    "reader.unknown_person": "Mã cán bộ '{id}' không có trong trang Cán bộ.",
    "reader.unknown_person_hint": "Sửa mã cho khớp trang Cán bộ, hoặc thêm người này vào trang Cán bộ.",
    "reader.unknown_subject": "'{value}' không phải mã cán bộ (trang Cán bộ) hay tên tổ (trang Tổ).",
    "reader.unknown_subject_hint": "Ghi Mã CB của người, hoặc tên tổ đúng như trang Tổ.",
    "reader.unknown_leader": "Mã tổ trưởng '{id}' không có trong trang Cán bộ.",
    "reader.unknown_leader_hint": "Sửa mã tổ trưởng cho khớp trang Cán bộ, hoặc để trống.",
    "reader.unknown_member": "Mã cán bộ '{id}' của thành viên Hội đồng không có trong trang Cán bộ.",
    "reader.unknown_member_hint": "Sửa mã cho khớp trang Cán bộ, hoặc để trống nếu thành viên không thuộc trường.",
    "reader.name_mismatch": "Họ tên '{name}' khác với tên của mã '{id}' trên trang Cán bộ ('{expected}').",
    "reader.name_mismatch_hint": "Kiểm tra lại mã cán bộ ở dòng này: có thể gõ nhầm mã của người khác.",
    "reader.title_kind_mismatch": "Danh hiệu '{title}' chỉ dành cho {expected}, nhưng dòng này là {kind}.",
    "reader.title_kind_mismatch_hint": "Sửa cột 'Cá nhân/Tập thể' hoặc chọn danh hiệu đúng đối tượng.",
    "reader.word_person": "cá nhân",
    "reader.word_team": "tập thể",
    "reader.duplicate_registration": "'{subject}' đã đăng ký '{title}' ở dòng {first}.",
    "reader.duplicate_registration_hint": "Xóa dòng lặp.",
    "reader.future_date": "Ngày '{value}' ở sau ngày xét {ref}.",
    "reader.future_date_hint": "Kiểm tra lại ngày, tháng, năm: ngày này chưa tới.",
    "reader.end_before_start": "Ngày hết hạn kỷ luật {end} ở trước ngày quyết định {start}.",
    "reader.end_before_start_hint": "Kiểm tra lại hai ngày (dạng dd/mm/yyyy).",
    "reader.absence_total": "Tổng số tháng nghỉ (thai sản, ốm, đi học, không lương) là {total}, quá 12 tháng.",
    "reader.absence_total_hint": "Kiểm tra lại các cột số tháng nghỉ của người này.",
    "reader.history_empty": "Dòng lịch sử không có xếp loại lẫn danh hiệu.",
    "reader.history_empty_hint": "Điền Xếp loại hoặc Danh hiệu/Khen thưởng, hoặc xóa dòng.",
    # --- Thành tích
    "reader.achievement_no_decision": "Thành tích '{value}' chưa ghi số hoặc ngày văn bản công nhận.",
    "reader.achievement_no_decision_hint": "Ghi số và ngày quyết định (hoặc văn bản) công nhận thành tích: hồ sơ "
    "đề nghị Bằng khen cần văn bản này. Thành tích vẫn được tính khi xét.",
    # --- ballots
    "reader.unknown_candidate": "Ứng viên '{value}' không khớp mã cán bộ, họ tên hay tên tổ nào.",
    "reader.unknown_candidate_hint": "Ghi Mã CB (hoặc họ tên đúng như trang Cán bộ, hoặc tên tổ) làm tiêu đề cột.",
    "reader.ambiguous_candidate": "Có {n} cán bộ cùng họ tên '{value}' ({ids}); không biết cột này là của ai.",
    "reader.ambiguous_candidate_hint": "Ghi Mã CB làm tiêu đề cột thay cho họ tên.",
    "reader.duplicate_candidate": "Ứng viên '{value}' có hai cột (cột {first} và cột {second}).",
    "reader.duplicate_candidate_hint": "Mỗi ứng viên một cột: gộp hai cột lại.",
    "reader.unreadable_mark": "Không đọc được dấu '{value}' trên phiếu; phiếu này sẽ bị tính là không hợp lệ.",
    "reader.unreadable_mark_hint": "Ghi 1 hoặc x (đồng ý), 0 hoặc - (không đồng ý), để trống (không đánh dấu); "
    "nếu phiếu thật sự không đọc được, giữ nguyên để ghi nhận.",
    # --- files
    "reader.password": "Tệp '{path}' có mật khẩu; không đọc được.",
    "reader.password_hint": "Mở tệp trong Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.",
    # --- writer
    "writer.same_as_input": "Không ghi kết quả vào chính sổ tính dữ liệu '{path}'.",
    "writer.same_as_input_hint": "Chọn tệp kết quả khác (mặc định: <tên>_ketqua.xlsx).",
    "writer.target_is_input": "Tệp '{path}' chứa trang dữ liệu '{sheet}': đây là sổ tính dữ liệu, không phải sổ "
    "kết quả; không ghi đè.",
    "writer.bad_target": "Không mở được sổ kết quả '{path}' để cập nhật ({error}).",
    "writer.bad_target_hint": "Đổi tên hoặc xóa tệp đó rồi chạy lại.",
    "writer.validation_title": "Kiểm tra dữ liệu: {errors} lỗi, {warnings} cảnh báo",
    "writer.validation_clean": "Không có lỗi hay cảnh báo nào.",
    # --- thidua validate
    "validate.table_title": "Kiểm tra {path}",
    "validate.summary": "{staff} cán bộ, {teams} tổ, {registrations} đăng ký, {ballots} phiếu — "
    "{errors} lỗi, {warnings} cảnh báo.",
    "validate.clean": "Sổ tính hợp lệ: không có lỗi nào.",
    "validate.fix_errors": "Hãy sửa các lỗi trên rồi chạy lại 'thidua validate'.",
    "validate.written": "Đã ghi trang '{sheet}' vào {path}.",
}
