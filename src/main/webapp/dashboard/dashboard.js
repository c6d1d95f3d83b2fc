/*
 * PDeck monitoring dashboard: signs an administrator in (the token lives in sessionStorage only, never in a
 * cookie), then reads GET /api/v1/admin/dashboard every few seconds. The API reports counters since deployment,
 * and in "recent" the same totals every 5 s over the last 15 minutes, kept by the node; this page turns the
 * difference between two consecutive totals into rates and interval latencies, so its time charts show the last
 * 15 minutes from the first answer on.
 */
(function () {
    'use strict';

    var TOKEN_KEY = 'pdeck.dashboard.token';
    var REFRESH_MS = 5000;
    var WINDOW_MS = 15 * 60 * 1000;
    var MIN_INTERVAL_MS = 2000;
    var COLORS = ['#1f4e79', '#b34700', '#2e7d32', '#6a1b9a', '#8a6d00', '#00695c'];

    var timer = null;
    var charts = {};

    function $(id) {
        return document.getElementById(id);
    }

    function token() {
        return window.sessionStorage.getItem(TOKEN_KEY);
    }

    function showLogin(message) {
        window.sessionStorage.removeItem(TOKEN_KEY);
        if (timer) {
            window.clearTimeout(timer);
            timer = null;
        }
        $('dashboard').hidden = true;
        $('logout').hidden = true;
        $('login').hidden = false;
        $('login-error').textContent = message || '';
        $('updated').textContent = '';
    }

    function showDashboard() {
        $('login').hidden = true;
        $('dashboard').hidden = false;
        $('logout').hidden = false;
        initCharts();
        refresh();
    }

    function signIn(event) {
        event.preventDefault();
        $('login-error').textContent = '';
        var body = JSON.stringify({email: $('email').value.trim(), password: $('password').value});
        fetch('../api/v1/auth/login', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: body,
            credentials: 'omit'
        }).then(function (response) {
            if (!response.ok) {
                throw new Error(response.status === 401 ? 'Wrong email or password.' : 'Sign-in failed (' + response.status + ').');
            }
            return response.json();
        }).then(function (answer) {
            window.sessionStorage.setItem(TOKEN_KEY, answer.token);
            $('password').value = '';
            showDashboard();
        }).catch(function (error) {
            $('login-error').textContent = error.message;
        });
    }

    function refresh() {
        timer = null;
        fetch('../api/v1/admin/dashboard', {
            headers: {'Accept': 'application/json', 'Authorization': 'Bearer ' + token()},
            credentials: 'omit'
        }).then(function (response) {
            if (response.status === 401) {
                showLogin('Your session ended; please sign in again.');
                return null;
            }
            if (response.status === 403) {
                showLogin('This account is not an administrator.');
                return null;
            }
            if (!response.ok) {
                throw new Error('The service answered ' + response.status + '.');
            }
            return response.json();
        }).then(function (data) {
            if (data) {
                $('load-error').textContent = '';
                render(data);
            }
        }).catch(function (error) {
            $('load-error').textContent = 'Could not load the data: ' + error.message + ' Retrying.';
        }).then(function () {
            if (token() && !timer) {
                timer = window.setTimeout(refresh, REFRESH_MS);
            }
        });
    }

    function render(data) {
        var at = new Date(data.at);
        $('updated').textContent = 'Node ' + data.node + ' · updated ' + at.toLocaleTimeString();
        renderRates(data, at);
        renderHealth(data.health || []);
        renderCaches(data.caches || []);
        renderCollections(data.collections || []);
        renderJobs(data.jobs || []);
        renderBackup(data.lastBackup);
        renderEndpoints(data.http ? data.http.endpoints : []);
        var pool = data.mongo && data.mongo.pool;
        $('kpi-pool').textContent = pool ? pool.inUse + ' / ' + pool.idle : '–';
        var notes = $('notes');
        notes.textContent = '';
        (data.notes || []).forEach(function (note) {
            var item = document.createElement('li');
            item.textContent = note;
            notes.appendChild(item);
        });
    }

    function renderRates(data, at) {
        var readings = (data.recent || []).map(function (sample) {
            return {at: Date.parse(sample.at), requests: sample.requests, requestMs: sample.requestMs,
                commands: sample.commands, commandMs: sample.commandMs};
        });
        var now = {
            at: at.getTime(),
            requests: data.http ? data.http.requests : 0,
            requestMs: data.http ? data.http.totalMs : 0,
            commands: data.mongo ? data.mongo.commands : 0,
            commandMs: data.mongo ? data.mongo.totalMs : 0
        };
        // this answer's own totals as the newest reading, unless the node's last sample is only a moment old
        if (readings.length === 0 || now.at - readings[readings.length - 1].at >= MIN_INTERVAL_MS) {
            readings.push(now);
        }
        var requests = [], latencies = [], mongo = [], last = null;
        for (var i = 1; i < readings.length; i++) {
            var a = readings[i - 1], b = readings[i];
            if (b.at <= a.at || b.requests < a.requests || b.commands < a.commands) {
                continue; // counters restart with a redeployment
            }
            var seconds = (b.at - a.at) / 1000;
            var n = b.requests - a.requests;
            var c = b.commands - a.commands;
            last = {
                rate: n / seconds,
                latency: n > 0 ? (b.requestMs - a.requestMs) / n : null,
                mongo: c > 0 ? (b.commandMs - a.commandMs) / c : null
            };
            requests.push([b.at, round(last.rate, 2)]);
            latencies.push([b.at, last.latency === null ? null : round(last.latency, 2)]);
            mongo.push([b.at, last.mongo === null ? null : round(last.mongo, 2)]);
        }
        if (last) {
            $('kpi-rate').textContent = last.rate.toFixed(1);
            $('kpi-latency').textContent = last.latency === null ? '–' : last.latency.toFixed(1) + ' ms';
            $('kpi-mongo').textContent = last.mongo === null ? '–' : last.mongo.toFixed(2) + ' ms';
        }
        var axis = {type: 'time', min: now.at - WINDOW_MS, max: now.at};
        charts.requests.setOption({xAxis: axis, series: [{data: requests}, {data: latencies}]});
        charts.mongo.setOption({xAxis: axis, series: [{data: mongo}]});
    }

    function renderHealth(checks) {
        var list = $('health');
        list.textContent = '';
        checks.forEach(function (check) {
            var item = document.createElement('li');
            var up = check.status === 'UP';
            item.className = 'badge ' + (up ? 'up' : 'down');
            item.textContent = check.name + ': ' + check.status;
            if (!up && check.data && check.data.error) {
                item.title = String(check.data.error);
            }
            list.appendChild(item);
        });
    }

    function renderCaches(caches) {
        var hits = 0;
        var misses = 0;
        caches.forEach(function (c) {
            hits += c.hits;
            misses += c.misses;
        });
        $('kpi-hits').textContent = hits + misses > 0 ? (100 * hits / (hits + misses)).toFixed(1) + ' %' : '–';
        charts.cache.setOption({
            yAxis: {data: caches.map(function (c) { return c.name; })},
            series: [
                {data: caches.map(function (c) { return c.hits; })},
                {data: caches.map(function (c) { return c.misses; })},
                {data: caches.map(function (c) { return c.errors; })}
            ]
        });
    }

    function renderCollections(collections) {
        charts.collections.setOption({
            yAxis: {data: collections.map(function (c) { return c.name; })},
            series: [{data: collections.map(function (c) { return c.documents; })}]
        });
    }

    function renderJobs(jobs) {
        var body = $('jobs');
        body.textContent = '';
        if (jobs.length === 0) {
            body.appendChild(row(['No job has run yet.', '', '', '']));
        }
        jobs.forEach(function (job) {
            var tr = row([job.job, job.status, formatTime(job.startedAt),
                job.durationMs === null || job.durationMs === undefined ? 'running' : formatDuration(job.durationMs)]);
            tr.children[1].className = 'status-' + job.status;
            if (job.error) {
                tr.children[1].title = job.error;
            }
            body.appendChild(tr);
        });
    }

    function renderBackup(backup) {
        var list = $('backup');
        list.textContent = '';
        if (!backup) {
            fact(list, 'Backups', 'none yet');
            return;
        }
        fact(list, 'Id', backup.id);
        fact(list, 'Taken', formatTime(backup.createdAt));
        fact(list, 'Documents', String(backup.documents));
        fact(list, 'Size on disk', formatBytes(backup.sizeOnDisk));
    }

    function renderEndpoints(endpoints) {
        var body = $('endpoints');
        body.textContent = '';
        endpoints.forEach(function (e) {
            var tr = row([e.method + ' ' + e.uri, String(e.requests), e.meanMs.toFixed(1) + ' ms']);
            tr.children[1].className = 'num';
            tr.children[2].className = 'num';
            body.appendChild(tr);
        });
    }

    function row(cells) {
        var tr = document.createElement('tr');
        cells.forEach(function (text) {
            var td = document.createElement('td');
            td.textContent = text;
            tr.appendChild(td);
        });
        return tr;
    }

    function fact(list, term, value) {
        var dt = document.createElement('dt');
        dt.textContent = term;
        var dd = document.createElement('dd');
        dd.textContent = value;
        list.appendChild(dt);
        list.appendChild(dd);
    }

    function formatTime(iso) {
        return iso ? new Date(iso).toLocaleString() : '–';
    }

    function formatDuration(ms) {
        return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
    }

    function formatBytes(bytes) {
        if (bytes < 1024) {
            return bytes + ' B';
        }
        var units = ['KiB', 'MiB', 'GiB', 'TiB'];
        var value = bytes;
        var unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return value.toFixed(1) + ' ' + units[unit];
    }

    function round(value, digits) {
        var factor = Math.pow(10, digits);
        return Math.round(value * factor) / factor;
    }

    /* Charts: canvas rendering and rich-text tooltips, so nothing needs inline style attributes (strict CSP). */
    function base() {
        return {
            color: COLORS,
            aria: {enabled: true},
            animation: false,
            textStyle: {color: '#1a1a1a'},
            tooltip: {trigger: 'axis', renderMode: 'richText'},
            grid: {left: 60, right: 60, top: 36, bottom: 30, containLabel: true}
        };
    }

    function initCharts() {
        if (charts.requests) {
            return;
        }
        charts.requests = echarts.init($('chart-requests'), null, {renderer: 'canvas'});
        charts.requests.setOption(Object.assign(base(), {
            legend: {data: ['requests/s', 'mean latency (ms)']},
            xAxis: {type: 'time'},
            yAxis: [{type: 'value', name: 'req/s', minInterval: 0.1}, {type: 'value', name: 'ms'}],
            series: [
                {name: 'requests/s', type: 'line', showSymbol: false, data: []},
                {name: 'mean latency (ms)', type: 'line', yAxisIndex: 1, showSymbol: false, connectNulls: false, data: []}
            ]
        }));
        charts.mongo = echarts.init($('chart-mongo'), null, {renderer: 'canvas'});
        charts.mongo.setOption(Object.assign(base(), {
            legend: {data: ['mean command latency (ms)']},
            xAxis: {type: 'time'},
            yAxis: {type: 'value', name: 'ms'},
            series: [{name: 'mean command latency (ms)', type: 'line', showSymbol: false, data: []}]
        }));
        charts.cache = echarts.init($('chart-cache'), null, {renderer: 'canvas'});
        charts.cache.setOption(Object.assign(base(), {
            tooltip: {trigger: 'axis', renderMode: 'richText', axisPointer: {type: 'shadow'}},
            legend: {data: ['hits', 'misses', 'errors']},
            xAxis: {type: 'value', name: 'lookups', nameLocation: 'middle', nameGap: 24},
            yAxis: {type: 'category', data: []},
            series: [
                {name: 'hits', type: 'bar', stack: 'lookups', data: []},
                {name: 'misses', type: 'bar', stack: 'lookups', data: []},
                {name: 'errors', type: 'bar', stack: 'lookups', data: []}
            ],
            color: ['#2e7d32', '#b34700', '#a31515']
        }));
        charts.collections = echarts.init($('chart-collections'), null, {renderer: 'canvas'});
        charts.collections.setOption(Object.assign(base(), {
            tooltip: {trigger: 'axis', renderMode: 'richText', axisPointer: {type: 'shadow'}},
            xAxis: {type: 'value', name: 'documents', nameLocation: 'middle', nameGap: 24},
            yAxis: {type: 'category', data: []},
            series: [{name: 'documents', type: 'bar', data: [], label: {show: true, position: 'right'}}]
        }));
        window.addEventListener('resize', function () {
            Object.keys(charts).forEach(function (name) { charts[name].resize(); });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        $('login-form').addEventListener('submit', signIn);
        $('logout').addEventListener('click', function () {
            var current = token();
            showLogin('Signed out.');
            if (current) {
                fetch('../api/v1/auth/logout', {method: 'POST', headers: {'Authorization': 'Bearer ' + current},
                    credentials: 'omit'});
            }
        });
        if (token()) {
            showDashboard();
        } else {
            showLogin();
        }
    });
}());
