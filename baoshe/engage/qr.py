"""QR codes for the 微信 share button, drawn on the server: no third-party QR service."""

import io

import qrcode
from qrcode.image.pil import PilImage


def qr_png(data: str, box_size: int = 8) -> bytes:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=3
    )
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
