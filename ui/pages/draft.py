"""Placeholder until the service lands."""

import streamlit as st

st.title("draft")
st.info("Not available yet.")
