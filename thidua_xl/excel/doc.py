"""Renders docs/excel.md (Vietnamese) from the same lists the add-in is built from: the ribbon actions
(:data:`thidua_xl.excel.actions.ACTIONS`) and the TDKT_ functions (:func:`thidua_xl.excel.udfspec.udf_specs`).
A test keeps the file equal to :func:`render`; regenerate with ``python -m thidua_xl.excel.doc > docs/excel.md``.
"""

from __future__ import annotations

import sys

from thidua_xl.excel.actions import ACTIONS, GROUPS, TAB_LABEL
from thidua_xl.excel.udfspec import udf_specs

INTRO = """# thidua_xl trong Excel: hàm TDKT_ và thẻ "Thi đua"

Tài liệu này dành cho thư ký Hội đồng Thi đua – Khen thưởng dùng Excel trên Windows (hoặc macOS). Phần
"Hàm" và "Nút" được sinh tự động từ mã nguồn (cùng danh sách dùng để dựng add-in), nên luôn khớp với add-in.

## 1. Cài đặt (một lần cho mỗi người dùng, không cần quyền quản trị)

1. **Cài Python cho riêng người dùng** (máy của trường thường không cho cài phần mềm cho mọi người):
   tải bộ cài Windows 64-bit từ python.org, ở màn hình đầu **bỏ** ô "Use admin privileges when installing
   py.exe", đánh dấu "Add python.exe to PATH", chọn *Install Now* (cài vào thư mục của người dùng).
   **Không dùng Python của Microsoft Store**, cũng không dùng `pip install --user`: khi đó gói được cài vào
   thư mục riêng của người dùng, tệp `xlwings64-….dll` không nằm cạnh `python.exe` nên Excel không tải được
   (lỗi "Could not load xlwings64-….dll"; `thidua addin doctor` báo ✗ ở mục DLL).
2. **Cài gói**: mở *Command Prompt* (gõ `cmd` ở ô tìm kiếm của Windows) và gõ

   ```
   py -m pip install thidua_xl
   ```

   Nếu tổ tin học gửi sẵn **bộ cài ngoại tuyến** (thư mục có `cai_dat.bat`), chỉ cần nhấp đúp
   `cai_dat.bat`: tệp này làm cả bước 2 và 3 mà không cần mạng (xem "Bộ cài ngoại tuyến" dưới đây).
3. **Cài add-in**: trong cùng cửa sổ đó gõ

   ```
   thidua addin install
   ```

   Lệnh này làm mọi việc, không cần quyền quản trị: dựng `ThiDua.xlam` từ gói vừa cài (nên add-in luôn
   khớp phiên bản xlwings đã cài), chép vào thư mục khởi động của Excel
   (`%APPDATA%\\Microsoft\\Excel\\XLSTART`), và ghi tệp cấu hình `%USERPROFILE%\\.thidua\\thidua.conf`
   cho add-in biết Python nào cần chạy (`pythonw.exe` của chính Python vừa dùng, để không hiện cửa sổ đen)
   và bật "máy chủ UDF" (một Python chạy sẵn, các nút bấm nhanh hơn). Trên macOS lệnh còn chép tệp
   AppleScript mà xlwings cần vào `~/Library/Application Scripts/com.microsoft.Excel`.
   Sau mỗi lần nâng cấp (`py -m pip install -U thidua_xl`) hãy đóng Excel, chạy lại `thidua addin install`
   rồi mở Excel (máy chủ UDF giữ phiên bản cũ cho đến khi Excel đóng).
   Gỡ ra: `thidua addin install --uninstall`. Không muốn máy chủ UDF: `thidua addin install --no-udf-server`.
4. **Mở Excel**: thẻ **Thi đua** xuất hiện trên thanh ribbon. Các hàm `TDKT_...` dùng được ngay, không
   cần bước "Import functions" hay bật "Trust access to the VBA project".
5. **Kiểm tra lần đầu**: bấm **Thi đua → Kiểm tra cài đặt** (hoặc gõ `thidua addin doctor` trong Command
   Prompt). Mỗi mục hiện ✓ hoặc ✗; dưới mỗi ✗ là cách sửa:

   | Mục | Khi ✗ thì làm gì |
   |---|---|
   | Add-in trong thư mục khởi động | chạy `thidua addin install` |
   | Tệp cấu hình của người dùng | chạy `thidua addin install` |
   | Python mà Excel sẽ chạy | Python đã bị gỡ/chuyển chỗ: chạy lại `thidua addin install` bằng Python đang dùng |
   | Thư viện xlwings (DLL) cạnh Python | `py -m pip install --force-reinstall xlwings` rồi `thidua addin install` (lỗi quen thuộc "xlwings64-….dll not found") |
   | Gói thidua_xl và xlwings cùng phiên bản | `py -m pip install -U thidua_xl` rồi `thidua addin install` |
   | Phiên bản Excel | Excel 2016/2019 không có mảng động: xem mục "Excel 2016/2019" dưới đây |

   Lệnh `thidua addin doctor` trả mã thoát 0 khi mọi thứ ổn, 1 khi còn mục cần sửa. Khi Excel không
   chạy được Python, nút bấm hiện hộp thoại tiếng Việt nhắc chạy lệnh này.

Không cần (và không nên) sửa trang ẩn của add-in: mọi thiết lập riêng của máy nằm trong tệp
cấu hình ở trên (dạng `"Interpreter_Win","C:\\...\\pythonw.exe"` mỗi dòng một mục, như xlwings đọc).

Trên Linux không có Excel: `thidua addin install` báo rõ lý do và không làm gì; mọi chức năng vẫn dùng
được bằng dòng lệnh (`thidua check`, `thidua tally`, `thidua report`) hoặc Jupyter.

### Bộ cài ngoại tuyến (cho tổ tin học)

Máy của trường thường không có mạng hoặc không được tải gói từ PyPI. Tổ tin học làm bộ cài trên **một máy
có mạng** (Windows, macOS hay Linux đều được, miễn là đã cài thidua_xl), rồi chép thư mục sang từng máy:

```
thidua addin bundle -o D:\\ThiDua_cai_dat
```

- Mặc định có gói cho mọi phiên bản Python mà thidua_xl hỗ trợ (đọc từ `Requires-Python` của gói: hiện là
  3.10 đến 3.14), Windows 64-bit; khoảng 70 MB mỗi phiên bản. Chỉ lấy vài phiên bản:
  `--python 3.12 3.13`; Windows 32-bit: `--platform win32`. Không làm PDF: `--no-pdf`.
- Lệnh dựng gói `thidua_xl` từ chính gói đang chạy (mã nguồn nếu cài kiểu `pip install -e`, các tệp đã
  cài nếu cài từ wheel; hoặc `--wheel tệp.whl` để dùng đúng bản phát hành), đọc danh sách gói phụ thuộc từ
  siêu dữ liệu của gói đó rồi tải bằng pip của chính máy (`pip download --platform win_amd64
  --only-binary=:all: --python-version X`), thêm các gói chỉ Windows mới cần (`pywin32` của xlwings, mà
  pip chạy trên Linux/macOS bỏ qua), và thử cài ngoại tuyến cho từng phiên bản Python trước khi ghi.
  Mỗi bước in một dòng; mất mạng thì báo bằng tiếng Việt và trả mã thoát 2; pip lỗi thì in các dòng cuối
  của pip và lệnh để chạy lại riêng bước đó.
- Thư mục kết quả: `wheels\\` (các tệp `.whl`), `cai_dat.bat`, `HUONG_DAN.docx` (và `HUONG_DAN.pdf` nếu máy
  có LibreOffice) — một trang hướng dẫn cho người dùng, `DANH_SACH.txt` — mỗi gói với mã sha256, kích
  thước và các phiên bản Python dùng nó (kiểm tra trên Windows: `certutil -hashfile wheels\\<tệp> SHA256`).
  Chạy lại vào cùng thư mục thì chỉ các tệp của bộ cài được thay; thư mục có tệp khác mà không phải bộ
  cài cũ thì lệnh từ chối ghi.

Trên từng máy, người dùng (không cần quyền quản trị): cài Python cho riêng mình như bước 1, chép thư mục
vào máy, **nhấp đúp `cai_dat.bat`**. Tệp này tìm Python (qua `py`, phiên bản mới nhất mà bộ cài có; nếu
không có `py` thì `python`), kiểm tra phiên bản và bản 64-bit có trong bộ cài, Python được cài cho riêng
người dùng, rồi chạy
`py -m pip install --no-index --find-links "<thư mục>\\wheels" thidua_xl`, rồi `py -m thidua_xl.cli addin
install` và `addin doctor`; lỗi ở bước nào thì báo bằng tiếng Việt, nhắc lệnh `thidua addin doctor`, và
dừng lại chờ bấm phím.

Python đã được cài **cho mọi người dùng** (trong `C:\\Program Files`): `cai_dat.bat` dừng và giải thích,
vì người dùng thường không ghi được vào đó (pip sẽ cài vào thư mục riêng, DLL lạc chỗ như trên). Khi đó
quản trị viên cài gói một lần trong Command Prompt mở bằng *Run as administrator*:
`py -m pip install --no-index --find-links "<thư mục>\\wheels" thidua_xl`, rồi mỗi người dùng chạy
`py -m thidua_xl.cli addin install` dưới tài khoản của mình.

Kiểm tra bộ cài trên Linux (như các bài kiểm thử làm):
`pip install --dry-run --no-index --find-links DIR/wheels --platform win_amd64 --only-binary=:all:
--python-version 3.11 --implementation cp --target /tmp/t thidua_xl` phải liệt kê thidua_xl, xlwings,
openpyxl, pandas, ... trong dòng "Would install".

### Excel 2016/2019 (không có mảng động)

Các hàm trả về một bảng (`TDKT_XET_BANG`, `TDKT_KIEM_PHIEU`, `TDKT_SAP_XEP_TEN`) tự tràn ra nhiều ô trên
Microsoft 365 và Excel 2021/2024. Trên Excel 2016/2019 chỉ ô trên cùng bên trái hiện kết quả, trừ khi
nhập **công thức mảng kiểu cũ**:

1. Chọn trước cả vùng kết quả, đủ rộng và đủ dài: ví dụ `TDKT_XET_BANG("LDTT"; ...)` có 5 cột (Mã CB,
   Họ và tên, Tổ, Đủ điều kiện, Lý do) và một dòng tiêu đề cộng mỗi cán bộ một dòng, nên với 60 cán bộ
   chọn `A1:E61` trên một trang trống.
2. Gõ công thức, ví dụ
   `=TDKT_XET_BANG("LDTT"; ""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X500; 'Đăng ký thi đua'!A1:E600)`.
3. Bấm **Ctrl+Shift+Enter** (không phải Enter): Excel bao công thức trong `{...}` và điền cả vùng.
   Ô thừa hiện `#N/A`; thiếu chỗ thì kết quả bị cắt, hãy chọn vùng lớn hơn và nhập lại.

Sửa công thức mảng: chọn cả vùng, sửa, rồi lại Ctrl+Shift+Enter. `thidua addin doctor` cho biết Excel
của máy có mảng động hay không (đọc được trên bản Click-to-Run; bản khác thì xem Tệp → Tài khoản).
Các nút trên thẻ "Thi đua" ghi kết quả thành trang riêng nên không phụ thuộc phiên bản Excel.

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
  `#VALUE!` (vùng không phải bảng chuẩn, dữ liệu có lỗi, thiếu năm học hoặc năm học sai dạng), `#NUM!`
  (số phiếu lớn hơn cơ sở, cơ sở bằng 0). Cùng đối số đó, `TDKT_GIAI_THICH` trả về lời giải thích lỗi;
  `TDKT_NGUONG` và các hàm trả về bảng ghi lỗi kèm lời giải thích ngay trong ô (ví dụ
  `#VALUE! Năm học nhận được là số -1: ...` khi gõ 2024-2025 không có dấu ngoặc kép, Excel đã trừ hai số).
  Khi chính Excel/VBA gặp lỗi, ô hiện lời báo lỗi thay cho `#VALUE!` trơn.
- Một ô trong các bảng đang hiện lỗi Excel (`#N/A`, `#DIV/0!`...) là **dữ liệu có lỗi** (`#VALUE!`, và
  `TDKT_GIAI_THICH` chỉ rõ trang, dòng, cột), không bị coi là ô trống: một ô đăng ký thi đua hiện lỗi không
  bị hiểu thành "không đăng ký".
- Một công thức `TDKT_XET_BANG` cho cả trang nhanh hơn hàng nghìn công thức `TDKT_XET`: Excel phải
  chuyển toàn bộ các bảng sang Python cho mỗi công thức.

Mã danh hiệu: LDTT (Lao động tiên tiến), CSTDCS (Chiến sĩ thi đua cơ sở), CSTD_TINH, CSTD_TQ, BK_TINH,
BK_BO, BK_TTG, GIAY_KHEN, KNC (Kỷ niệm chương), TTLDTT, TTLDXS (tập thể); có thể gõ tên đầy đủ có dấu.
"""

CHECKLIST = """## 6. Những điều chỉ Excel thật mới xác nhận được (danh sách nghiệm thu)

Bộ kiểm thử chạy trên Linux (không có Excel) đã kiểm: mọi hàm gọi trực tiếp, kể cả đường lỗi và năm học
sai dạng; mọi nút chạy trọn vẹn trên một tệp .xlsx thật (trang nhập liệu giữ nguyên từng byte) và qua Book
từ xa của xlwings; tệp add-in đọc lại được (zip, XML ribbon, mỗi `onAction` có một Sub VBA, mỗi hàm có một
hàm bọc VBA, olevba đọc được dự án VBA, có luồng `PROJECTwm`, lớp `Dictionary` có đủ thuộc tính như mẫu,
trang `thidua.conf` đọc được); trình sinh hàm bọc của chính xlwings ("Import functions") cho mỗi hàm đúng
một lần; `thidua addin install`/`--uninstall`/`doctor` trên thư mục người dùng giả kiểu Windows và macOS.
Những điều dưới đây phải kiểm bằng tay, một lần cho mỗi phiên bản add-in, trên một máy Windows sạch
(Python cài cho riêng người dùng, không quyền quản trị) có Excel 365, rồi Excel 2016 hoặc 2019:

- [ ] `py -m pip install thidua_xl` rồi `thidua addin install` chạy xong không cần quyền quản trị;
      `thidua addin doctor` hiện toàn ✓ (trừ dòng phiên bản Excel có thể là ?).
- [ ] Excel mở `ThiDua.xlam` không báo lỗi hay "sửa chữa" tệp, không báo lỗi biên dịch VBA
      ("Ambiguous name", "Compile error"); thẻ **Thi đua** có 5 nhóm đúng thứ tự, nhãn đúng dấu.
- [ ] Add-in đọc được tệp `%USERPROFILE%\\.thidua\\thidua.conf`: các nút chạy bằng `pythonw.exe` ghi trong đó
      (không hiện cửa sổ đen), kể cả khi tên người dùng Windows có dấu tiếng Việt.
- [ ] Mỗi nút chạy và kết thúc bằng hộp thoại tiếng Việt; trang kết quả xuất hiện trong sổ tính đang mở.
      Lần bấm đầu và các lần sau (máy chủ UDF bật): ghi lại thời gian.
- [ ] "Kiểm tra cài đặt" hiện cùng báo cáo như `thidua addin doctor`.
- [ ] Đổi tên tạm thư mục Python rồi bấm một nút: hộp thoại tiếng Việt nhắc chạy `thidua addin doctor`.
- [ ] `=TDKT_XET(...)` trả TRUE/FALSE; `=TDKT_XET_BANG(...)` tràn ra nhiều ô (Excel 365) hoặc điền vùng đã
      chọn khi nhập bằng Ctrl+Shift+Enter (Excel 2016/2019).
- [ ] Hộp thoại chèn hàm (fx) hiện mô tả tiếng Việt của hàm và từng đối số, nhóm "Thi đua".
- [ ] Mã cán bộ sai cho `#N/A` thật (ô lỗi), không phải chữ; `=TDKT_NGUONG("LDTT"; 2024-2025)` (không
      ngoặc kép) hiện lời giải thích về dấu ngoặc kép.
- [ ] Excel không đòi "Trust access to the VBA project object model" và không cần "Import functions".
- [ ] "Mở thư mục hồ sơ" mở đúng thư mục trong File Explorer.
- [ ] `thidua addin install --uninstall`, mở lại Excel: thẻ "Thi đua" không còn.
- [ ] Lặp lại trên macOS (chỉ nút bấm; hàm UDF của xlwings không chạy trên macOS): cần tệp AppleScript
      do `thidua addin install` chép, và Excel hỏi quyền truy cập tệp lần đầu.
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
