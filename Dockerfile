# Two stages: npm for Aksel and htmx, then the Python app with WeasyPrint's system libraries.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    STATIC_ROOT=/app/staticfiles \
    VAR_DIR=/tmp/trondelag \
    CELERY_BEAT_SCHEDULE_FILENAME=/tmp/celerybeat-schedule
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The runtime lock only, every package checked against its hash: no test tools in the image.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN DEBUG=false SECRET_KEY=collectstatic-only STATIC_MANIFEST=true python manage.py collectstatic --noinput
# Runs as a user without a shell or a home, on a root file system mounted read-only (NAIS's
# default): only /tmp (an emptyDir) and /data/media (a volume, docker-compose) are written.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data/media && chown app /data/media
USER 10001
EXPOSE 8000
CMD ["gunicorn", "trondelag.wsgi", "--config", "gunicorn.conf.py"]
