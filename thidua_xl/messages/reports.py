"""Messages and vocabulary of the dossier (``thidua_xl.reports``) and the ``report`` / ``templates`` commands."""

MESSAGES: dict[str, str] = {
    # vocabulary used inside the documents
    "reports.rating.HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "reports.rating.HTTNV": "Hoàn thành tốt nhiệm vụ",
    "reports.rating.HTNV": "Hoàn thành nhiệm vụ",
    "reports.rating.KHTNV": "Không hoàn thành nhiệm vụ",
    "reports.role.CHU_TICH": "Chủ tịch Hội đồng",
    "reports.role.PHO_CHU_TICH": "Phó Chủ tịch Hội đồng",
    "reports.role.THU_KY": "Thư ký Hội đồng",
    "reports.role.UY_VIEN": "Ủy viên",
    "reports.contract.VIEN_CHUC": "Viên chức",
    "reports.contract.HOP_DONG": "Hợp đồng lao động",
    "reports.kind.SANG_KIEN": "Sáng kiến",
    "reports.kind.DE_TAI": "Đề tài khoa học",
    "reports.level.CO_SO": "cấp cơ sở",
    "reports.level.HUYEN": "cấp huyện/xã",
    "reports.level.TINH": "cấp tỉnh/bộ, ngành",
    "reports.level.TOAN_QUOC": "toàn quốc",
    "reports.word.present": "Có mặt",
    "reports.word.absent": "Vắng",
    "reports.word.written": "có ý kiến bằng văn bản",
    "reports.word.no_reason": "không rõ lý do",
    "reports.word.pass": "Đạt",
    "reports.word.fail": "Không đạt",
    "reports.word.proposed": "Đề nghị",
    "reports.word.not_proposed": "Không đề nghị",
    "reports.word.revote": "Bỏ phiếu lại",
    "reports.word.yes": "Có",
    "reports.word.no": "Không",
    "reports.word.none": "Không có.",
    "reports.word.no_data": "(chưa có dữ liệu)",
    "reports.word.no_quota": "Chỉ tiêu: Không giới hạn số lượng.",
    "reports.word.person": "cá nhân",
    "reports.word.team": "tập thể",
    "reports.quorum.ok": "Cuộc họp đủ túc số ({present}/{total} thành viên có mặt{written}; cần ít nhất {required}).",
    "reports.quorum.bad": "Cuộc họp KHÔNG đủ túc số ({present}/{total} thành viên có mặt{written}; cần ít nhất "
    "{required}): kết quả bỏ phiếu chưa có giá trị.",
    "reports.quorum.unknown": "Chưa có kết quả kiểm phiếu để xác định túc số.",
    "reports.quorum.written_part": ", {n} ý kiến bằng văn bản",
    "reports.certified.yes": "Kết quả kiểm phiếu được chứng nhận: đủ túc số và số liệu khớp.",
    "reports.certified.no": "Kết quả kiểm phiếu CHƯA được chứng nhận (xem các mục ghi chú).",
    "reports.double_entry.none": "Phiếu được nhập một lần (không đối chiếu hai lần nhập).",
    "reports.double_entry.ok": "Đối chiếu hai lần nhập phiếu: khớp hoàn toàn.",
    "reports.double_entry.bad": "Đối chiếu hai lần nhập phiếu: {n} điểm chưa khớp, cần kiểm tra lại phiếu gốc.",
    "reports.award.recognise": "CÔNG NHẬN DANH HIỆU",
    "reports.award.confer_title": "TẶNG DANH HIỆU",
    "reports.award.confer": "TẶNG",
    "reports.threshold.inherited": "mức mặc định kế thừa từ chế độ {regime}, chưa có quy định mới được kiểm chứng; "
    "áp dụng theo quy chế của Hội đồng [{tag}]",
    # deciding authority (thidua_xl.core.authority): the tờ trình, biên bản and danh sách split by it
    "authority.commune_blank": "xã/phường …",
    "authority.governing_blank": "UBND xã/phường …",
    "rules.authority.title": "Ai quyết định (chế độ {regime})",
    "rules.authority.head": "Danh hiệu, hình thức|Cấp quyết định|Căn cứ|Độ tin cậy",
    "rules.authority.local_district": "Cấp nhận tờ trình: Chủ tịch UBND quận/huyện; trường trực thuộc Sở: Giám đốc "
    "Sở GDĐT",
    "rules.authority.local_commune": "Cấp nhận tờ trình: Chủ tịch UBND xã/phường; trường trực thuộc Sở: Giám đốc "
    "Sở GDĐT",
    "rules.authority.province": "tỉnh/thành phố",
    "authority.district_after": "Chế độ {regime} (từ {since} không còn cấp quận/huyện): mục '{item}' ghi "
    "'{value}' — đơn vị cấp quận/huyện không còn tồn tại. Các văn bản của hồ sơ không gửi Chủ tịch UBND "
    "quận/huyện; tờ trình để trống tên xã/phường.",
    "authority.district_after_hint": "Ghi UBND xã/phường nơi trường trực thuộc (ví dụ 'phường Long Biên'), hoặc "
    "Sở GDĐT {province} nếu trường trực thuộc Sở (khi đó ghi 'Có' ở mục 'Trực thuộc Sở').",
    "authority.request.next": "Đề nghị {authority} quyết định công nhận",
    "authority.request.higher": "Đề nghị {next} xem xét, trình {authority} quyết định tặng",
    "authority.conclusion.next": "đề nghị {authority} quyết định công nhận",
    "authority.conclusion.higher": "đề nghị {next} xem xét, trình {authority} quyết định tặng",
    # warnings (DossierResult.warnings)
    "reports.warn.no_nominees": "Không có cá nhân, tập thể nào được đề nghị: tờ trình và danh sách chỉ có khung.",
    "reports.warn.not_certified": "Kết quả kiểm phiếu chưa được chứng nhận (túc số hoặc đối chiếu phiếu): "
    "các văn bản ghi rõ điều này; chưa nên gửi hồ sơ.",
    "reports.warn.unverified": "Chế độ {regime}: một số giá trị quy định chưa được kiểm chứng: {keys}.",
    "reports.warn.commune_district": "Năm học {year} thuộc chế độ {regime} (từ 01/07/2025): cấp quyết định là "
    "Chủ tịch UBND xã/phường, nhưng ô 'Xã/Phường (Quận/Huyện)' ghi '{commune}'. Kiểm tra lại nơi nhận tờ trình.",
    "reports.warn.commune_ward": "Năm học {year} thuộc chế độ {regime} (trước 07/2025): cấp quyết định thường là "
    "Chủ tịch UBND quận/huyện, nhưng ô 'Xã/Phường (Quận/Huyện)' ghi '{commune}'. Kiểm tra lại nơi nhận tờ trình.",
    "reports.warn.no_commune": "Chưa ghi 'Xã/Phường (Quận/Huyện)' trong trang Thông tin chung: tờ trình để trống "
    "tên cấp quyết định.",
    "reports.warn.undefined": "Mẫu '{template}': biến chưa định nghĩa {names} (để trống trong văn bản). Chạy "
    "'thidua templates check' để xem chi tiết.",
    "reports.warn.template_fallback": "Thư mục mẫu '{folder}' không có '{name}': dùng mẫu mặc định.",
    "reports.warn.unknown_title_code": "Tham số '{param}' có mã danh hiệu lạ: {codes} (bỏ qua).",
    # errors
    "reports.err.template_syntax": "Mẫu '{template}' có lỗi cú pháp Jinja ở dòng {line}: {error}",
    "reports.err.template_render": "Không dựng được văn bản từ mẫu '{template}': {error}",
    "reports.err.templates_dir": "Không tìm thấy thư mục mẫu '{path}'.",
    # PDF
    "reports.pdf.missing": "Không tìm thấy LibreOffice (lệnh 'soffice' hoặc 'libreoffice') nên không tạo được "
    "tệp PDF. Các tệp Word (.docx) vẫn được tạo đầy đủ. Cài LibreOffice (https://www.libreoffice.org, hoặc "
    "'sudo apt install libreoffice-writer') rồi chạy lại với --pdf, hoặc mở tệp .docx trong Word và chọn "
    "Lưu thành PDF.",
    "reports.pdf.failed": "LibreOffice không chuyển được sang PDF ({error}). Các tệp Word vẫn dùng được.",
    # CLI
    "reports.cli.written": "Đã lập hồ sơ: {n} văn bản Word trong '{folder}'.",
    "reports.cli.bundle": "Tệp gộp toàn bộ hồ sơ: {path}",
    "reports.time.text": "{h} giờ {m} phút",
    "reports.time.blank": "… giờ … phút",
    "reports.counting.head": "Trưởng ban",
    "reports.counting.member": "Thành viên",
    "reports.bundle.title": "HỒ SƠ ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU THI ĐUA",
    "reports.bundle.subtitle": "{school} – năm học {year}",
    "reports.bundle.col.stt": "STT",
    "reports.bundle.col.doc": "Văn bản",
    "reports.bundle.col.pages": "Số trang",
    "reports.bundle.note": "Mỗi văn bản bắt đầu từ trang mới và đánh số trang riêng. Số trang do Word hoặc "
                           "LibreOffice tính khi in hoặc xuất PDF (ô hiện “—” khi chưa tính).",
    "reports.bundle.doc.to_trinh": "Tờ trình đề nghị công nhận danh hiệu thi đua",
    "reports.bundle.doc.danh_sach": "Danh sách đề nghị",
    "reports.bundle.doc.bien_ban_hop": "Biên bản họp Hội đồng Thi đua – Khen thưởng",
    "reports.bundle.doc.bien_ban_kiem_phieu": "Biên bản kiểm phiếu",
    "reports.bundle.doc.bao_cao_ca_nhan": "Báo cáo thành tích – {name} ({title})",
    "reports.bundle.doc.dang_ky": "Bảng tổng hợp đăng ký thi đua",
    "reports.cli.pdfs": "Đã tạo {n} tệp PDF.",
    "reports.cli.warning": "Cảnh báo: {text}",
    "reports.cli.regime": "Năm học {year}, chế độ {regime}; gửi: {authority}.",
    "reports.check.clean": "Mẫu trong '{folder}': không phát hiện lỗi ({n} tệp).",
    "reports.check.problems": "Mẫu trong '{folder}': {n} lỗi.",
    "reports.check.undefined": "{template}: đoạn {para} (\"{text}\"): biến chưa định nghĩa '{name}'.",
    "reports.check.split": "{template}: đoạn {para} (\"{text}\"): thẻ '{tag}' bị tách qua {runs} đoạn chữ (run) "
    "của Word; văn bản vẫn dựng đúng (theo định dạng của đoạn chữ đầu), nhưng nên sửa bằng 'thidua templates "
    "fix' (hoặc xóa rồi gõ lại cả thẻ một lần).",
    "reports.check.unclosed": "{template}: đoạn {para} (\"{text}\"): thẻ mở '{tag}' không có dấu đóng trong "
    "cùng đoạn.",
    "reports.check.syntax": "{template}: lỗi cú pháp Jinja: {error} (gần đoạn \"{text}\").",
    "reports.check.unreadable": "{template}: không đọc được tệp .docx ({error}).",
    "reports.check.superseded": "{template}: đoạn {para} (\"{text}\"): ghi cứng '{doc}', văn bản không áp dụng "
    "cho chế độ {regimes} (đã hết hiệu lực hoặc chưa ban hành); hãy lấy căn cứ từ biến to_trinh.can_cu hoặc "
    "regime.basis.",
    "reports.check.unknown_file": "{template}: không phải mẫu của hồ sơ (bỏ qua).",
    "reports.check.quotes": "{template}: đoạn {para} (\"{text}\"): thẻ '{tag}' có dấu nháy cong (“ ” ‘ ’) do Word "
    "tự đổi; văn bản vẫn dựng đúng, nhưng nên sửa bằng 'thidua templates fix'.",
    "reports.check.not_in_force": "{template}: đoạn {para} (\"{text}\"): ghi cứng '{doc}', văn bản không có "
    "hiệu lực vào ngày xét {date} ({when}); hãy lấy căn cứ từ biến to_trinh.can_cu hoặc regime.basis.",
    "reports.check.force_from": "có hiệu lực từ {start}",
    "reports.check.force_until": "hết hiệu lực từ {until}",
    "reports.check.replaced_by": ", thay bằng {doc}",
    "reports.check.fixable": "Có {n} thẻ sửa tự động được: chạy 'thidua templates fix {folder}' (bản gốc được "
    "giữ lại với đuôi .ban_goc.docx).",
    "reports.check.warnings": "Mẫu trong '{folder}': không có lỗi, {n} cảnh báo ({files} tệp).",
    "reports.fix.done": "{path}: đã sửa {n} thẻ; bản gốc lưu ở {backup}.",
    "reports.fix.clean": "{path}: không có gì cần sửa.",
    "reports.fix.none": "Không có mẫu nào của hồ sơ trong '{path}' (to_trinh.docx, danh_sach.docx …).",
    "reports.warn.template_check": "Mẫu của trường — {text}",
}


# Vocabulary without diacritics cannot live in MESSAGES (every message must carry Vietnamese diacritics).
LABELS: dict[str, str] = {
    "gender.NAM": "Nam",
    "gender.NU": "Nữ",
}
