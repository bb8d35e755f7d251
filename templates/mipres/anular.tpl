{{%AUTOESCAPE context="HTML"}}
<h1>Anular registro</h1>
{{#ERROR}}<p class="alert" role="alert" data-k="error_general">{{TEXTO}}</p>{{/ERROR}}
{{#CONFIRMAR}}<p>Va a anular este registro. <strong>Esta acción no se puede deshacer; el paso anterior vuelve a quedar Activo.</strong></p>{{/CONFIRMAR}}
{{>REGISTRO}}
{{#LINEA}}{{>LINEA_DATOS}}{{/LINEA}}
{{#CONFIRMAR}}<form method="post" action="{{ACCION}}" class="card">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="actions"><button type="submit" class="button primary">Confirmar la anulación</button> <a class="button" href="/mipres">Cancelar</a></div>
</form>{{/CONFIRMAR}}
