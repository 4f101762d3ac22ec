"""pos-app: a counter point of sale that charges with Mercado Pago QR codes."""

__version__ = "0.1.0"
