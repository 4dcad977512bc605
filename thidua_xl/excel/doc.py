"""Renders docs/excel.md (Vietnamese) from the same lists the add-in is built from: the ribbon actions
(:data:`thidua_xl.excel.actions.ACTIONS`) and the TDKT_ functions (:func:`thidua_xl.excel.udfspec.udf_specs`).
A test keeps the file equal to :func:`render`; regenerate with ``python -m thidua_xl.excel.doc > docs/excel.md``.
"""

from __future__ import annotations

import sys

from thidua_xl.excel.actions import ACTIONS, GROUPS, TAB_LABEL
from thidua_xl.excel.udfspec import udf_specs

INTRO = """# thidua_xl trong Excel: hàm TDKT_ và thẻ "Thi đua"

Tài liệu này dành cho thư ký Hội đồng Thi đua – Khen thưởng dùng Excel trên Windows. Phần "Hàm" và
"Nút" được sinh tự động từ mã nguồn (cùng danh sách dùng để dựng add-in), nên luôn khớp với add-in.

## 1. Cài đặt (một lần, trên máy Windows có Microsoft Excel)

1. Cài Python 3.11 trở lên từ python.org (đánh dấu "Add python.exe to PATH").
2. Mở *Command Prompt* và gõ:

   ```
   py -m pip install thidua_xl
   thidua addin install
   ```

   Lệnh thứ hai chép `ThiDua.xlam` vào thư mục khởi động của Excel (XLSTART). Phiên bản xlwings trong
   add-in phải trùng với phiên bản xlwings đã cài bằng pip; cài lại add-in sau mỗi lần nâng cấp.
   Có thể dựng lại tệp add-in bất cứ lúc nào bằng `thidua addin build` (tạo `dist/ThiDua.xlam`).
3. Mở lại Excel: thẻ **Thi đua** xuất hiện trên thanh ribbon. Các hàm `TDKT_...` dùng được ngay, không
   cần bước "Import functions" hay bật "Trust access to the VBA project".
4. Nếu Excel báo không tìm thấy Python: mở trang ẩn `_thidua.conf` của add-in (hoặc tệp
   `%USERPROFILE%\\.thidua\\thidua.conf`) và ghi đường dẫn `python.exe` vào mục `Interpreter_Win`.

Trên Linux không có Excel: `thidua addin install` báo rõ lý do và không làm gì; mọi chức năng vẫn dùng
được bằng dòng lệnh (`thidua check`, `thidua tally`, `thidua report`) hoặc Jupyter.

## 2. Dùng lần đầu

1. Bấm **Thi đua → Tạo sổ tính chuẩn**: tệp `mau_thidua.xlsx` được tạo cạnh sổ tính đang mở, có sẵn
   các trang nhập liệu, danh sách chọn và trang "Hướng dẫn". Chép dữ liệu của trường vào đó.
2. Bấm **Kiểm tra dữ liệu**: mọi lỗi (trang, dòng, cột, gợi ý sửa) được liệt kê ở trang
   "Kiểm tra dữ liệu". Sửa đến khi không còn lỗi.
3. Bấm **Xét điều kiện**, rồi **Kiểm phiếu** sau cuộc họp, rồi **Lập hồ sơ**.

Mỗi nút chỉ ghi vào **trang kết quả của riêng nó** (Kiểm tra dữ liệu, Kết quả xét, Kết quả xét tập thể,
Kết quả kiểm phiếu, Đối chiếu phiếu); bấm lại thì trang đó được thay bằng kết quả mới. Các trang nhập
liệu của bạn không bao giờ bị sửa. Kết thúc, một hộp thoại cho biết đã làm gì và kết quả ở đâu; nếu dữ
liệu có lỗi, hộp thoại nói lỗi ở trang nào, dòng nào và không ghi gì cả.

## 3. Cách truyền dữ liệu cho hàm

Các hàm xét điều kiện và kiểm phiếu nhận **các bảng của sổ tính chuẩn**, mỗi bảng là một vùng có cả
dòng tiêu đề, theo thứ tự tùy ý (hàm nhận ra bảng nhờ tiêu đề cột). Chọn dư dòng trống ở cuối cũng được,
để sau này thêm người không phải sửa công thức. Bảng Cán bộ là bắt buộc; năm học lấy từ đối số
`nam_hoc` hoặc từ bảng Thông tin chung. Truyền đủ các bảng mà danh hiệu cần: thiếu bảng Đăng ký thi đua
thì mọi người bị coi là chưa đăng ký; thiếu Lịch sử thi đua thì chưa có năm liên tục nào.

Trong Excel tiếng Việt, dấu phân cách đối số là `;` (Excel tiếng Anh dùng `,`).

- Điều kiện **không đạt** không phải là lỗi: hàm trả về FALSE và `TDKT_GIAI_THICH` cho biết lý do, căn cứ.
- **Dữ liệu sai** cho giá trị lỗi thật của Excel: `#N/A` (mã cán bộ hoặc mã danh hiệu không có),
  `#VALUE!` (vùng không phải bảng chuẩn, dữ liệu có lỗi, thiếu năm học), `#NUM!` (số phiếu lớn hơn cơ sở,
  cơ sở bằng 0). Cùng đối số đó, `TDKT_GIAI_THICH` trả về lời giải thích lỗi.
- Một công thức `TDKT_XET_BANG` cho cả trang nhanh hơn hàng nghìn công thức `TDKT_XET`: Excel phải
  chuyển toàn bộ các bảng sang Python cho mỗi công thức.

Mã danh hiệu: LDTT (Lao động tiên tiến), CSTDCS (Chiến sĩ thi đua cơ sở), CSTD_TINH, CSTD_TQ, BK_TINH,
BK_BO, BK_TTG, GIAY_KHEN, KNC (Kỷ niệm chương), TTLDTT, TTLDXS (tập thể); có thể gõ tên đầy đủ có dấu.
"""

CHECKLIST = """## 6. Những điều chỉ Excel thật mới xác nhận được (danh sách nghiệm thu)

Bộ kiểm thử chạy trên Linux (không có Excel) đã kiểm: mọi hàm gọi trực tiếp, kể cả đường lỗi; mọi nút
chạy trọn vẹn trên một tệp .xlsx thật (trang nhập liệu giữ nguyên từng byte) và qua Book từ xa của
xlwings; tệp add-in đọc lại được (zip, XML ribbon, mỗi `onAction` có một Sub VBA, mỗi hàm có một hàm bọc
VBA, olevba đọc được dự án VBA). Những điều dưới đây phải kiểm bằng tay trên Windows + Excel 365, một lần
cho mỗi phiên bản add-in:

- [ ] Excel mở `ThiDua.xlam` không báo lỗi hay "sửa chữa" tệp; thẻ **Thi đua** có 4 nhóm đúng thứ tự,
      nhãn tiếng Việt hiển thị đúng dấu.
- [ ] Mỗi nút chạy và kết thúc bằng hộp thoại tiếng Việt; trang kết quả xuất hiện trong sổ tính đang mở.
- [ ] `=TDKT_XET(...)` trả TRUE/FALSE; `=TDKT_XET_BANG(...)` tràn ra nhiều ô (mảng động).
- [ ] Hộp thoại chèn hàm (fx) hiện mô tả tiếng Việt của hàm và từng đối số, nhóm "Thi đua".
- [ ] Mã cán bộ sai cho `#N/A` thật (ô lỗi), không phải chữ.
- [ ] Excel không đòi "Trust access to the VBA project object model" và không cần "Import functions".
- [ ] "Mở thư mục hồ sơ" mở đúng thư mục trong File Explorer.
- [ ] Lặp lại trên macOS (chỉ nút bấm; hàm UDF của xlwings không chạy trên macOS).
"""


def render() -> str:
    out = [INTRO, "## 4. Các hàm TDKT_\n"]
    for s in udf_specs():
        params = "; ".join(("[" + a.name + "]" if a.optional else a.name + ("; ..." if a.vararg else ""))
                           for a in s.args)
        out.append(f"### `{s.name}({params})`\n")
        out.append(s.doc + ("" if not s.array else " Kết quả tràn ra nhiều ô (mảng động).") + "\n")
        if s.details:
            out.append(s.details + "\n")
        out.append("| Đối số | Ý nghĩa |\n|---|---|")
        for a in s.args:
            name = a.name + (" (tùy chọn)" if a.optional else "") + (" (một hoặc nhiều vùng)" if a.vararg else "")
            out.append(f"| `{name}` | {a.doc} |")
        if s.example:
            out.append(f"\nVí dụ: `{s.example.split(' trả về ')[0]}`"
                       + (f" trả về {s.example.split(' trả về ', 1)[1]}" if " trả về " in s.example else "") + "\n")
        else:
            out.append("")
    out.append(f"## 5. Thẻ \"{TAB_LABEL}\" trên ribbon\n")
    for g in GROUPS:
        out.append(f"### Nhóm {g.label}\n")
        for a in ACTIONS:
            if a.group == g.id:
                out.append(f"- **{a.label}**: {a.supertip}")
        out.append("")
    out.append(CHECKLIST)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
