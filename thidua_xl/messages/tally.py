"""Messages of the kiểm phiếu engine (``thidua_xl.core.tally``) and the ``thidua tally`` command."""

MESSAGES: dict[str, str] = {
    # ballot sources
    "tally.source.MEETING": "phiếu tại cuộc họp",
    "tally.source.WRITTEN": "ý kiến bằng văn bản",
    "tally.word.pass": "đạt",
    "tally.word.fail": "không đạt",
    "tally.word.enough": "đủ túc số",
    "tally.word.not_enough": "không đủ túc số",
    "tally.word.inside": "trong chỉ tiêu",
    "tally.word.outside": "ngoài chỉ tiêu",
    "tally.word.revote": "Cần bỏ phiếu lại",
    "tally.no_reason": "(không ghi lý do)",
    # how a list approved without a secret ballot was approved (SchoolInfo.approval_method)
    "tally.method.HANDS": "biểu quyết giơ tay",
    "tally.method.SLIPS": "phiếu biểu quyết",
    "tally.quorum.present_only": "chỉ tính thành viên có mặt",
    "tally.quorum.with_written": "tính cả thành viên vắng có ý kiến bằng văn bản",
    # tie-break chain keys (vote.tiebreak)
    "tally.tiebreak.WOMEN_FIRST": "ưu tiên cá nhân nữ, tập thể có từ 70% nữ",
    "tally.tiebreak.MORE_INITIATIVES": "nhiều sáng kiến, đề tài được công nhận hơn",
    "tally.tiebreak.HIGHER_INITIATIVE_LEVEL": "sáng kiến, đề tài được công nhận ở cấp cao hơn",
    "tally.tiebreak.HIGHER_RATING": "xếp loại chất lượng cao hơn",
    "tally.tiebreak.OLDER_FIRST": "người nhiều tuổi hơn",
    "tally.tiebreak.REVOTE": "bỏ phiếu lại",
    "tally.fact.gender.NU": "giới tính nữ",
    "tally.fact.gender.NAM": "giới tính nam",
    "tally.fact.gender.UNKNOWN": "chưa rõ giới tính",
    "tally.fact.team_women": "{women}/{n} thành viên là nữ",
    "tally.fact.initiatives": "{n} sáng kiến/đề tài",
    "tally.fact.level.CO_SO": "cao nhất cấp cơ sở",
    "tally.fact.level.HUYEN": "cao nhất cấp huyện/xã",
    "tally.fact.level.TINH": "cao nhất cấp tỉnh",
    "tally.fact.level.TOAN_QUOC": "cao nhất cấp toàn quốc",
    "tally.fact.level.NONE": "không có sáng kiến, đề tài",
    "tally.fact.unknown": "chưa rõ",
    "tally.fact.unknown_birth": "chưa rõ ngày sinh",
    "tally.fact.born": "sinh ngày {date}",
    # rule-set problems
    "tally.bad_quota": "Tham số '{param}': chỉ tiêu '{value}' không hiểu được. Ví dụ đúng: để trống (không có "
    "chỉ tiêu), '3' (tối đa 3 người), '15% LDTT' (không quá 15% số người đạt Lao động tiên tiến).",
    "tally.bad_threshold": "Tham số '{param}' phải là một ngưỡng (tỷ lệ, phép so sánh, cơ sở tính).",
    "tally.bad_tiebreak": "Thứ tự xếp hạng khi bằng phiếu có mã lạ: {codes}. Các mã dùng được: {known}.",
    # invalid ballots (one reason code each)
    "tally.invalid.DECLARED_INVALID": "Ban kiểm phiếu tuyên bố không hợp lệ: {reason}",
    "tally.invalid.DUPLICATE_NUMBER": "Số phiếu {number} xuất hiện {n} lần cho danh hiệu {title}; không xác định "
    "được phiếu nào là thật nên mọi bản đều không hợp lệ",
    "tally.invalid.UNREADABLE_MARK": "Có ô không đọc được: {cells}",
    "tally.invalid.NOT_ON_LIST": "Đánh dấu cho người không có trong danh sách bỏ phiếu: {names}",
    "tally.invalid.OVER_LIMIT": "Đồng ý {n} người, vượt số được chọn tối đa ({max})",
    "tally.invalid.also": "ngoài ra: {more}",
    # notes on a candidate
    "tally.note.below_threshold": "Chưa đạt ngưỡng: {approvals}/{base} = {pct}, cần {threshold}",
    "tally.note.not_eligible": "Không đủ điều kiện, không đề nghị: {reasons}",
    "tally.note.no_verdict": "Chưa có kết quả xét điều kiện cho danh hiệu này; thư ký cần kiểm tra",
    "tally.note.quota_skipped_ineligible": "Không xếp vào chỉ tiêu vì không đủ điều kiện",
    "tally.note.outside_quota": "Ngoài chỉ tiêu: xếp thứ {rank}, chỉ tiêu {limit} người",
    "tally.note.tie_decided": "Bằng phiếu ({votes} phiếu đồng ý) tại ngưỡng chỉ tiêu; được xếp {where} theo "
    "tiêu chí '{rule}' ({fact}) — {cite}",
    "tally.note.revote": "Cần bỏ phiếu lại: {n} người bằng phiếu ({votes} phiếu đồng ý) tranh {slots} suất "
    "cuối của chỉ tiêu ({names}); các tiêu chí ưu tiên không phân định được",
    "tally.note.no_quorum": "Đạt phiếu nhưng cuộc họp không đủ túc số: kết quả không có giá trị, chưa đề nghị",
    "tally.note.entries_differ": "Đạt phiếu nhưng hai lần nhập phiếu chưa khớp: chưa chứng nhận, chưa đề nghị",
    "tally.note.audit_failed": "Đạt phiếu nhưng số liệu kiểm phiếu không khớp (xem mục kiểm tra): chưa đề nghị",
    # quota texts
    "tally.quota.fixed": "Chỉ tiêu: không quá {n} người — {cite} [{tag}]",
    "tally.quota.ratio": "Chỉ tiêu: không quá {ratio} số người đạt {of} ({base} người, {source}) = {n} người "
    "(làm tròn xuống) — {cite} [{tag}]",
    "tally.quota.unknown_base": "Chỉ tiêu {ratio} số người đạt {of} ({cite}) chưa tính được vì không có kết "
    "quả {of}; chưa đề nghị ai cho đến khi có số liệu này",
    "tally.quota.source_vote": "theo kết quả kiểm phiếu này",
    "tally.quota.source_eligibility": "theo kết quả xét điều kiện",
    # double entry
    "tally.de.absent": "(không có phiếu)",
    "tally.de.present": "có phiếu",
    "tally.de.field_source": "(loại phiếu)",
    "tally.de.field_declared": "(tuyên bố không hợp lệ)",
    "tally.de.not_declared": "không tuyên bố",
    "tally.de.declared": "tuyên bố không hợp lệ: {reason}",
    # audit facts
    "tally.audit.issued": "{title}: số phiếu phát ra ({issued}) = số phiếu thu vào ({returned}) + số phiếu "
    "không thu được ({not_returned})",
    "tally.audit.returned": "{title}: số phiếu thu vào ({returned}) = số phiếu hợp lệ ({valid}) + số phiếu không "
    "hợp lệ ({invalid})",
    "tally.audit.written": "{title}: số phiếu ý kiến bằng văn bản ({written}) không vượt số thành viên vắng mặt "
    "có ý kiến bằng văn bản ({members})",
    "tally.audit.candidate": "{title}, {id}: đồng ý ({approvals}) + không đồng ý ({disapprovals}) + để trống "
    "({blanks}) = số phiếu hợp lệ ({valid})",
    "tally.audit.double_entry": "Hai lần nhập phiếu khớp nhau ({n} chỗ chênh lệch)",
    "tally.audit.approval": "{title}: số thành viên biểu quyết đồng ý ({approvals}) không vượt số thành viên tham gia "
    "biểu quyết ({voting})",
    # audit trail (TallyResult.log)
    "tally.log.regime": "Chế độ {regime} ({label}); năm học {year}.",
    "tally.log.council": "Hội đồng có {total} thành viên: có mặt {present}, vắng có ý kiến bằng văn bản "
    "{written}, vắng không có ý kiến {absent}.",
    "tally.log.quorum": "Túc số: cần ít nhất {ratio} của {total} = {required} thành viên ({who}); có {attending} "
    "→ {verdict}. Căn cứ: {cite}.",
    "tally.log.rounds_merged": "Danh sách bỏ phiếu cho {title} khai báo nhiều lần; đã gộp thành một danh sách.",
    "tally.log.no_round": "Không có danh sách bỏ phiếu cho {title}; danh sách {n} ứng viên lấy từ các cột có "
    "đánh dấu trên phiếu (không kiểm tra được tên ngoài danh sách).",
    "tally.log.title": "Danh hiệu {title}: phát ra {issued}, thu vào {returned} (trong đó {written} ý kiến bằng "
    "văn bản), hợp lệ {valid}, không hợp lệ {invalid}.",
    "tally.log.max_choices": "Mỗi phiếu được đồng ý tối đa {n} người.",
    "tally.log.invalid": "Phiếu số {number} không hợp lệ [{code}]: {reason}.",
    "tally.log.threshold": "Ngưỡng {title}: {threshold} (cơ sở tính = {base}); căn cứ {cite} [{tag}].",
    "tally.log.candidate": "{id} {name}: đồng ý {approvals} (văn bản {written}), không đồng ý {disapprovals}, "
    "để trống {blanks}; {approvals}/{base} = {pct} → {verdict} ngưỡng.",
    "tally.log.not_eligible": "{id} {name} đạt phiếu nhưng không đủ điều kiện ({reasons}); không đề nghị.",
    "tally.log.quota": "{title} — {text} (áp dụng sau khi xét ngưỡng).",
    "tally.log.quota_all_in": "Có {n} người đạt ngưỡng và đủ điều kiện, không vượt chỉ tiêu {limit}.",
    "tally.log.quota_zero": "Chỉ tiêu {title} bằng 0: không ai được đề nghị.",
    "tally.log.quota_cut": "Xếp theo số phiếu đồng ý: {limit} người đầu (từ {votes} phiếu trở lên) trong chỉ tiêu.",
    "tally.log.tie": "Bằng phiếu tại ngưỡng chỉ tiêu: {n} người cùng {votes} phiếu đồng ý tranh {slots} suất "
    "({names}); áp dụng thứ tự ưu tiên {chain} — {cite}.",
    "tally.log.tie_decided": "{id} {name}: {where} theo tiêu chí '{rule}' ({fact}).",
    "tally.log.revote": "Cần bỏ phiếu lại cho {slots} suất giữa {n} người: {names}.",
    "tally.log.no_ballots": "Không có danh sách bỏ phiếu và không có phiếu nào.",
    "tally.log.double_entry_ok": "Đối chiếu hai lần nhập phiếu: khớp hoàn toàn.",
    "tally.log.double_entry_bad": "Đối chiếu hai lần nhập phiếu: {n} chỗ chênh lệch; chưa chứng nhận kết quả "
    "(số liệu dưới đây tạm tính theo lần nhập thứ nhất).",
    "tally.log.discrepancy": "Chênh lệch — phiếu số {number}, {title}, {cand}: lần 1 «{first}», lần 2 «{second}».",
    "tally.log.discrepancy_more": "… và {n} chỗ chênh lệch khác (xem trang Đối chiếu phiếu).",
    "tally.log.proposed": "Đề nghị {id} {name}: {title}.",
    "tally.log.approval": "Danh sách {title} không bỏ phiếu kín, Hội đồng thông qua bằng {method}: đồng ý "
    "{approvals}/{base} = {pct} → {verdict} ngưỡng {threshold}; căn cứ {cite} [{tag}].",
    "tally.log.approval_unrecorded": "Danh sách {title} không bỏ phiếu kín, Hội đồng thông qua bằng {method}; chưa "
    "ghi số thành viên đồng ý (ngưỡng {threshold}; căn cứ {cite} [{tag}]): biên bản để trống cho thư ký ghi.",
    "tally.log.approval_no_quorum": "Danh sách {title}: cuộc họp không đủ túc số, chưa được thông qua.",
    # a list approved without a secret ballot, as the summary, the JSON and the biên bản họp say it
    "tally.approval.listed": "danh sách {n} {unit}",
    "tally.approval.listed_unknown": "danh sách chưa xét điều kiện",
    "tally.approval.unit_person": "cá nhân",
    "tally.approval.unit_team": "tập thể",
    "tally.approval.line": "Danh hiệu “{title}” ({listed}): Hội đồng {method}, {approvals}/{base} thành viên đồng ý "
    "({pct}); ngưỡng {threshold}. Kết quả: {verdict}.",
    "tally.approval.approved": "thông qua",
    "tally.approval.rejected": "không thông qua (chưa đạt ngưỡng)",
    "tally.approval.no_quorum": "chưa thông qua (cuộc họp không đủ túc số)",
    "tally.approval.unrecorded": "… (thư ký ghi)",
    "tally.approval.hint": "Ghi số thành viên đồng ý vào ô \"{field}\" của trang \"{sheet}\".",
    "tally.log.audit_failed": "Kiểm tra không đạt: {fact}.",
    "tally.log.hash": "Mã băm SHA-256 của dữ liệu phiếu ({scheme}): {hash}.",
    "tally.log.certified": "Kết quả kiểm phiếu được chứng nhận.",
    "tally.log.not_certified": "Kết quả kiểm phiếu CHƯA được chứng nhận: {why}.",
    "tally.why.no_quorum": "cuộc họp không đủ túc số",
    "tally.why.entries_differ": "hai lần nhập phiếu có {n} chỗ chênh lệch",
    "tally.why.audit": "số liệu kiểm phiếu không khớp",
    # summary lines (terminal, sheet notes)
    "tally.summary.quorum": "Hội đồng {total} thành viên, có mặt {present}, ý kiến bằng văn bản {written}; "
    "túc số tối thiểu {required} → {verdict}.",
    "tally.summary.title": "{title}: phát ra {issued}, thu vào {returned}, không thu được {not_returned}; hợp lệ "
    "{valid}, không hợp lệ {invalid}. Ngưỡng {threshold} — {cite} [{tag}].",
    "tally.summary.invalid": "Phiếu số {number} không hợp lệ [{code}]: {reason}",
    "tally.summary.hash": "Mã băm SHA-256 dữ liệu phiếu: {hash}",
    "tally.summary.certified": "Kết quả được chứng nhận.",
    "tally.summary.not_certified": "CHƯA chứng nhận kết quả (không đủ túc số, hai lần nhập chưa khớp hoặc số "
    "liệu không khớp): không ai được đề nghị.",
    "tally.sheet.title": "KẾT QUẢ KIỂM PHIẾU — năm học {year} (chế độ {regime})",
    "tally.sheet.reconcile_title": "ĐỐI CHIẾU HAI LẦN NHẬP PHIẾU",
    # command line
    "tally.cli.written": "Sổ tính kết quả: {path}",
    "tally.cli.charts": "Đã lưu {n} biểu đồ PNG vào thư mục {path}",
    "tally.cli.chart_error": "Không lưu được biểu đồ vào {path}: {error}. Hãy chọn thư mục khác có quyền ghi.",
    "tally.cli.rules_error": "Lỗi quy định kiểm phiếu: {error}",
    "tally.cli.no_titles": "Sổ tính không có phiếu bầu hay danh sách bỏ phiếu nào.",
    "tally.cli.discrepancies": "Hai lần nhập phiếu có {n} chỗ chênh lệch (xem trang Đối chiếu phiếu):",
}


# Vocabulary labels (threshold bases, ballot marks; titles are in thidua_xl.vocabulary): short nouns, kept apart from the sentence
# templates above. Use ``thidua_xl.core.tally.vocab("base.valid_ballots")``.
LABELS: dict[str, str] = {
    "base.total_members": "tổng số thành viên Hội đồng",
    "base.present_plus_written": "số thành viên có mặt và có ý kiến bằng văn bản",
    "base.valid_ballots": "số phiếu hợp lệ",
    "mark.APPROVE": "đồng ý",
    "mark.DISAPPROVE": "không đồng ý",
    "mark.BLANK": "để trống",
    "mark.UNREADABLE": "không đọc được",
}
