"""Messages of the template generator (`thidua init`)."""

MESSAGES: dict[str, str] = {
    "template.exists": "Tệp '{path}' đã có. Dùng --ghi-de để ghi đè, hoặc chọn tên khác.",
    "template.not_xlsx": "Tên tệp '{path}' phải có đuôi .xlsx.",
    "template.written": "Đã tạo sổ tính chuẩn: {path}. Mở trang 'Hướng dẫn' để bắt đầu.",
}
