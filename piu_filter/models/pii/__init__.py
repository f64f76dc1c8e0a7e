"""Presidio PII analysis and the recognizers for what ultrasound screens and cards print."""
